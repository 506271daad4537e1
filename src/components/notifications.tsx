import type { FlashbarProps } from '@cloudscape-design/components/flashbar';
import { createContext, use, useSyncExternalStore, type ReactNode } from 'react';

export type Notification = Omit<
  FlashbarProps.MessageDefinition,
  'id' | 'onDismiss' | 'dismissible' | 'dismissLabel'
> & {
  /**
   * The object the message is about, such as a store's ARN: a new message with the same key
   * replaces the one before (a store's "created" gives way to its "ingestion stopped").
   */
  key?: string;
  /**
   * The pathname of the page the message belongs to. By default the page shown when the message
   * is raised; an action that then opens another page names that page here. The message shows only
   * on its page and is gone once the user leaves it.
   */
  path?: string;
};

/** A kept message: Flashbar's definition, the page it belongs to and the object it is about. */
export interface FlashMessage {
  message: FlashbarProps.MessageDefinition;
  path: string | undefined;
  key: string | undefined;
}

/** Messages kept per page; older ones give way (they have been read or were about a finished action). */
const MAX_MESSAGES_PER_PAGE = 3;

/** Flash messages of one app instance; plain code (the query cache) and components both post to it. */
export interface NotificationCenter {
  subscribe: (listener: () => void) => () => void;
  snapshot: () => readonly FlashMessage[];
  notify: (notification: Notification) => void;
  /** Removes the message about an object, if any. */
  dismiss: (key: string) => void;
  /** The user is on `pathname` now: messages of other pages are dropped. */
  visit: (pathname: string) => void;
}

/** A page's identity: the pathname without query or fragment, percent-decoded (routers differ in that). */
export function pageOf(path: string): string {
  const pathname = path.split(/[?#]/)[0] ?? path;
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

function sameText(a: Notification, b: FlashbarProps.MessageDefinition): boolean {
  const text = (node: ReactNode) => (typeof node === 'string' || typeof node === 'number' ? String(node) : undefined);
  return (
    a.type === b.type &&
    text(a.header) === text(b.header) &&
    text(a.content) !== undefined &&
    text(a.content) === text(b.content)
  );
}

export function createNotificationCenter(): NotificationCenter {
  let items: readonly FlashMessage[] = [];
  let current: string | undefined;
  let nextId = 0;
  const listeners = new Set<() => void>();
  const set = (next: readonly FlashMessage[]) => {
    if (next === items) return;
    items = next;
    for (const listener of listeners) listener();
  };
  const remove = (id: string) => {
    set(items.filter((item) => item.message.id !== id));
  };
  return {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => items,
    notify: ({ key, path, ...notification }) => {
      const page = path === undefined ? current : pageOf(path);
      // The same object's earlier message, or the very same words, give way to the new message:
      // it takes their place and id, so Flashbar updates it in place instead of stacking a second.
      const replaces = (item: FlashMessage) =>
        item.path === page && (key !== undefined ? item.key === key : sameText(notification, item.message));
      const predecessor = items.find(replaces);
      const id = predecessor?.message.id ?? `notification-${String(++nextId)}`;
      const message: FlashMessage = {
        key,
        path: page,
        message: {
          ...notification,
          id,
          dismissible: true,
          dismissLabel: 'Dismiss message',
          onDismiss: () => {
            remove(id);
          },
        },
      };
      if (predecessor) {
        set(
          items
            .filter((item) => item === predecessor || !replaces(item))
            .map((item) => (item === predecessor ? message : item)),
        );
        return;
      }
      const samePage = items.filter((item) => item.path === page);
      const overflow = new Set(
        samePage.slice(0, Math.max(0, samePage.length - (MAX_MESSAGES_PER_PAGE - 1))).map((item) => item.message.id),
      );
      set([...items.filter((item) => !overflow.has(item.message.id)), message]);
    },
    dismiss: (key) => {
      const next = items.filter((item) => item.key !== key);
      if (next.length !== items.length) set(next);
    },
    visit: (visited) => {
      const first = current === undefined;
      const pathname = pageOf(visited);
      current = pathname;
      // A message raised before any page showed belongs to the first one.
      const next = items
        .filter((item) => item.path === pathname || (first && item.path === undefined))
        .map((item) => (item.path === undefined ? { ...item, path: pathname } : item));
      if (next.length !== items.length || next.some((item, index) => item !== items[index])) set(next);
    },
  };
}

const NotificationsContext = createContext<NotificationCenter | null>(null);

export function NotificationsProvider({ center, children }: { center: NotificationCenter; children: ReactNode }) {
  return <NotificationsContext value={center}>{children}</NotificationsContext>;
}

/** The flash messages, a way to add one, and to remove the one about an object. */
export function useNotifications() {
  const center = use(NotificationsContext);
  if (!center) throw new Error('useNotifications must be used inside NotificationsProvider');
  const items = useSyncExternalStore(center.subscribe, center.snapshot);
  return { items, notify: center.notify, dismiss: center.dismiss, visit: center.visit } as const;
}
