/**
 * Punchout mode (OCI / cXML): the procurement system opens `/punchout/start?code=…`; the SPA trades
 * the one-time code for a session of the company's technical punchout account, shows a banner, works
 * on the session's own cart (header X-Punchout-Session, web/src/punchoutSession.ts) and instead of
 * the checkout posts the cart back to the procurement system (HOOK_URL or BrowserFormPost URL).
 */
import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { ApiResponse } from '../../../functions/contract.js';
import type { ApiClient } from '../api.js';
import { useT } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { decodeJwtPayload } from '../jwt.js';
import { punchoutStorageKey } from '../punchoutSession.js';
import { FormMessage } from '../components/Forms.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { Link, navigate } from '../router.js';
import { useServices, useSession } from '../services.js';
import { useCart } from './cart.js';
import './punchout.css';

type PunchoutStartAnswer = ApiResponse<'POST /punchout/start'>;

/** The punchout session (what POST /punchout/start answers: id, protocol, return host, expiry, first product) as the shop keeps it. */
export type PunchoutInfo = PunchoutStartAnswer['session'] & {
  /** The shop session this punchout belongs to (AuthClient `signedInAt`). */
  signedInAt: number;
  /** The technical account the session signed in (its calls carry the session header, web/src/punchoutSession.ts). */
  userSub: string;
};

type TransferForm = ApiResponse<'POST /punchout/sessions/{sessionId}/transfer'>;

const storageKey = punchoutStorageKey;
const listeners = new Set<() => void>();
let cachedRaw: string | null | undefined;
let cachedInfo: PunchoutInfo | null = null;

function readStored(): PunchoutInfo | null {
  let raw: string | null = null;
  try {
    raw = sessionStorage.getItem(storageKey);
  } catch {
    return null;
  }
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    try {
      cachedInfo = raw ? (JSON.parse(raw) as PunchoutInfo) : null;
    } catch {
      cachedInfo = null;
    }
  }
  return cachedInfo;
}

function store(info: PunchoutInfo | null): void {
  try {
    if (info) sessionStorage.setItem(storageKey, JSON.stringify(info));
    else sessionStorage.removeItem(storageKey);
  } catch {
    // Storage unavailable: punchout mode then lasts for this page only.
  }
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The punchout session of the current shop session, if any (expired or foreign ones do not count). */
export const usePunchout = (): PunchoutInfo | null => {
  const { auth } = useServices();
  const session = useSession(auth.shop);
  const info = useSyncExternalStore(subscribe, readStored);
  if (!info || !session || session.signedInAt !== info.signedInAt || Date.parse(info.expiresAt) < Date.now()) return null;
  return info;
};

/** Codes already being exchanged: React may mount the start page twice, the code works once. */
const exchanges = new Map<string, Promise<PunchoutInfo>>();

async function exchange(api: ApiClient, adopt: (tokens: PunchoutStartAnswer['tokens']) => { signedInAt: number }, code: string): Promise<PunchoutInfo> {
  const result = await api.call('POST /punchout/start', { body: { code } }, { auth: 'none' });
  // Stored before the tokens are adopted: the first cart call of the new session already names it.
  const pending: PunchoutInfo = { ...result.session, signedInAt: 0, userSub: String(decodeJwtPayload(result.tokens.idToken)?.sub ?? '') };
  store(pending);
  const session = adopt(result.tokens);
  const info: PunchoutInfo = { ...pending, signedInAt: session.signedInAt };
  store(info);
  return info;
}

export const PunchoutStart = ({ code }: { code: string }) => {
  const { api, auth } = useServices();
  const t = useT();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    if (!code) {
      setError(new Error(t('punchout.noCode')));
      return;
    }
    let pending = exchanges.get(code);
    if (!pending) {
      pending = exchange(api.shop, (tokens) => auth.shop.adoptTokens(tokens), code);
      exchanges.set(code, pending);
    }
    let active = true;
    pending.then(
      (info) => {
        if (active) navigate(info.productSku ? `/products/${encodeURIComponent(info.productSku)}` : '/', { replace: true });
      },
      (failure: unknown) => {
        if (active) setError(failure);
      },
    );
    return () => {
      active = false;
    };
  }, [api, auth, code, t]);

  if (error) {
    return (
      <section className="card narrow" data-testid="punchout-start-error">
        <h1>{t('punchout.startFailed')}</h1>
        <ErrorBox error={error}>{t('punchout.invalidLink')}</ErrorBox>
      </section>
    );
  }
  return <Loading label={t('punchout.opening')} />;
};

const protocolLabel = (info: PunchoutInfo) => (info.protocol === 'oci' ? 'SAP OCI' : 'cXML');
const bold = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

/** Shown on every page while a punchout session is active. */
export const PunchoutBanner = () => {
  const info = usePunchout();
  const t = useT();
  if (!info) return null;
  return (
    <div className="punchout-banner" role="status" data-testid="punchout-banner">
      <span>
        <FormattedMessage id={'punchout.banner' satisfies MessageKey} values={{ host: info.returnHost, protocol: protocolLabel(info), b: bold }} />
      </span>
      <Link to="/checkout" className="btn btn-primary btn-small" data-testid="punchout-banner-transfer">
        {t('punchout.transferCart')}
      </Link>
    </div>
  );
};

/** Builds the hidden form the procurement system expects and posts it (top window or the OCI ~TARGET frame). */
function postForm(form: TransferForm): void {
  const element = document.createElement('form');
  element.method = form.method;
  element.action = form.action;
  element.target = form.target;
  element.acceptCharset = 'UTF-8';
  element.style.display = 'none';
  for (const [name, value] of form.fields) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    element.appendChild(input);
  }
  document.body.appendChild(element);
  element.submit();
}

/** Replaces the checkout in punchout mode. */
export const PunchoutTransfer = () => {
  const { api } = useServices();
  const t = useT();
  const info = usePunchout();
  const cart = useCart();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState(false);
  if (!info) return null;

  const transfer = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const form = await api.shop.call('POST /punchout/sessions/{sessionId}/transfer', { params: { sessionId: info.sessionId } }, { auth: 'required' });
      setSent(true);
      postForm(form);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <section className="card narrow" data-testid="punchout-transfer">
      <h1>{t('punchout.transferCart')}</h1>
      <p>
        <FormattedMessage id={'punchout.transferText' satisfies MessageKey} values={{ count: cart.count, host: info.returnHost, b: bold }} />
      </p>
      <div className="form-actions">
        <Link to="/cart" className="btn btn-ghost">
          {t('punchout.backToCart')}
        </Link>
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || cart.count === 0}
          onClick={() => void transfer()}
          data-testid="punchout-transfer-submit"
        >
          {sent ? t('punchout.transferring') : t('punchout.transferTo', { protocol: protocolLabel(info) })}
        </button>
      </div>
      <FormMessage error={error} testId="punchout-transfer-status" />
    </section>
  );
};

/** The checkout page, or the transfer to the procurement system while a punchout session is active. */
export const CheckoutOrTransfer = ({ children }: { children: ReactNode }) => (usePunchout() ? <PunchoutTransfer /> : <>{children}</>);
