import { LoginForm } from '../components/LoginForm.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import type { ShopSettings } from '../types.js';

/** Shown instead of the catalog when the shop is login-only and nobody is signed in. */
export const LoginWall = ({ shop }: { shop: ShopSettings }) => {
  const { auth } = useServices();
  return (
    <section className="login-wall" data-testid="login-wall">
      <div className="login-wall-intro">
        <h1>Welcome to {shop.name}</h1>
        <p>This shop is reserved for registered business customers. Please sign in to browse the catalog and see your prices and availability.</p>
        {shop.registrationOpen ? (
          <p>
            New customer?{' '}
            <Link to="/register" data-testid="request-account">
              Request an account
            </Link>
          </p>
        ) : (
          <p className="muted">Need access? Please contact your sales representative.</p>
        )}
      </div>
      <LoginForm auth={auth.shop} title="Sign in" />
    </section>
  );
};
