import type { Manager } from '../types.js';

/** "Your personal manager": the company's sales representative. */
export const ManagerBox = ({ manager, title = 'Your personal manager' }: { manager: Manager; title?: string }) => (
  <section className="card panel manager-box" data-testid="manager-box" aria-labelledby="manager-box-title">
    <h2 id="manager-box-title">{title}</h2>
    <p className="manager-name" data-testid="manager-name">
      {manager.name}
    </p>
    <ul className="plain-list">
      <li>
        <a href={`mailto:${manager.email}`} data-testid="manager-email">
          {manager.email}
        </a>
      </li>
      {manager.phone && (
        <li>
          <a href={`tel:${manager.phone.replace(/[^\d+]/g, '')}`} data-testid="manager-phone">
            {manager.phone}
          </a>
        </li>
      )}
    </ul>
  </section>
);
