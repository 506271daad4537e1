import { useNavigate } from 'react-router';

/**
 * Cloudscape links and menus render real hrefs; this turns a plain left click into client-side
 * navigation while modified clicks (new tab, new window) keep the browser's behaviour.
 */
export function useFollow() {
  const navigate = useNavigate();
  return (event: CustomEvent<{ href?: string; external?: boolean }>) => {
    const href = event.detail.href;
    if (!href || event.detail.external) return;
    event.preventDefault();
    void navigate(href);
  };
}
