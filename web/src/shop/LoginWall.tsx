import { LoginForm } from '../components/LoginForm.js';
import { useT } from '../i18n/I18n.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import type { ShopSettings } from '../types.js';

/** Shown instead of the catalog when the shop is login-only and nobody is signed in. */
export const LoginWall = ({ shop }: { shop: ShopSettings }) => {
  const { auth } = useServices();
  const t = useT();
  return (
    <section className="login-wall" data-testid="login-wall">
      <div className="login-wall-intro">
        <h1>{t('catalog.loginWall.welcome', { shop: shop.name })}</h1>
        <p>{t('catalog.loginWall.intro')}</p>
        {shop.registrationOpen ? (
          <p>
            {t('catalog.loginWall.newCustomer')}{' '}
            <Link to="/register" data-testid="request-account">
              {t('catalog.loginWall.requestAccount')}
            </Link>
          </p>
        ) : (
          <p className="muted">{t('catalog.loginWall.needAccess')}</p>
        )}
      </div>
      <LoginForm auth={auth.shop} title={t('catalog.loginWall.signIn')} />
    </section>
  );
};
