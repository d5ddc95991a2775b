import { Fragment, type ReactNode } from 'react';
import { useT } from '../i18n/I18n.js';
import { Link } from '../router.js';

interface BreadcrumbProps {
  /** The pages above this one, outermost first. */
  trail: readonly { to: string; label: ReactNode }[];
  current: ReactNode;
  /** Show `current` in the monospace font (document numbers, ids). */
  mono?: boolean;
}

export const Breadcrumb = ({ trail, current, mono = false }: BreadcrumbProps) => {
  const t = useT();
  return (
    <nav className="breadcrumb" aria-label={t('account.breadcrumb')}>
      {trail.map((step) => (
        <Fragment key={step.to}>
          <Link to={step.to}>{step.label}</Link>
          <span aria-hidden="true">/</span>
        </Fragment>
      ))}
      <span className={mono ? 'mono' : undefined}>{current}</span>
    </nav>
  );
};
