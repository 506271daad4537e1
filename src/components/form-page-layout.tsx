import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { ReactNode } from 'react';
import { PageLayout, type Breadcrumb } from './page-layout';

export interface FormPageLayoutProps {
  breadcrumbs: Breadcrumb[];
  /** The page's heading: "Create trail", "Edit my-trail". */
  title: string;
  description: string;
  children: ReactNode;
}

/** A create or edit page: the form layout with the page's heading above its form. */
export function FormPageLayout({ breadcrumbs, title, description, children }: FormPageLayoutProps) {
  return (
    <PageLayout contentType="form" breadcrumbs={breadcrumbs}>
      <SpaceBetween size="l">
        <Header variant="h1" description={description}>
          {title}
        </Header>
        {children}
      </SpaceBetween>
    </PageLayout>
  );
}
