/**
 * Members from other companies by consent (issue 12): a company admin invites an existing portal user,
 * who accepts or declines while signed in (answers go as the home company, without X-Active-Company),
 * and may leave a company later.
 */
import { roleLabel } from '../account/permissions.js';
import type { ApiClient } from '../api.js';
import type { Column } from '../components/ActionTable.js';
import type { CompanyRole } from '../types.js';

/** A pending invitation as the inviting company sees it. */
export interface PendingMemberInvitation {
  status: 'pending';
  sub: string;
  email: string;
  role: CompanyRole;
  invitedBy: { name: string };
  invitedAt: string;
  expiresAt: string;
}

/** An invitation as the invited person sees it (shop banner, /invitations). */
export interface MyInvitation {
  companyId: string;
  companyName: string;
  role: CompanyRole;
  invitedBy: { name: string };
  invitedAt: string;
  expiresAt: string;
}

/** Table columns of an invitation after the one naming who is invited (or who invites): role, inviter, expiry. */
export const invitationColumns = <T extends { role: CompanyRole; invitedBy: { name: string }; expiresAt: string }>(first: Column<T>, roleHeading: string): Column<T>[] => [
  first,
  { label: roleHeading, cell: (invitation) => roleLabel(invitation.role) },
  { label: 'Invited by', cell: (invitation) => invitation.invitedBy.name },
  { label: 'Expires', cell: (invitation) => new Date(invitation.expiresAt).toLocaleDateString() },
];

const enc = encodeURIComponent;

export const membershipsApi = (api: ApiClient) => ({
  invite: (companyId: string, email: string, role: CompanyRole) =>
    api.request<PendingMemberInvitation>(`/companies/${enc(companyId)}/members`, { method: 'POST', auth: 'required', body: { email, role } }),
  invitations: async (companyId: string, signal?: AbortSignal) =>
    (await api.request<{ invitations: PendingMemberInvitation[] }>(`/companies/${enc(companyId)}/members/invitations`, { auth: 'required', signal })).invitations,
  revoke: (companyId: string, userSub: string) =>
    api.request<{ revoked: string }>(`/companies/${enc(companyId)}/members/invitations/${enc(userSub)}`, { method: 'DELETE', auth: 'required' }),
  removeMember: (companyId: string, userSub: string) =>
    api.request<{ removed: string }>(`/companies/${enc(companyId)}/members/${enc(userSub)}`, { method: 'DELETE', auth: 'required' }),
  mine: async (signal?: AbortSignal) => (await api.request<{ invitations: MyInvitation[] }>('/me/invitations', { auth: 'required', signal })).invitations,
  accept: (companyId: string) =>
    api.request<{ companyId: string; companyName: string; role: CompanyRole }>(`/me/invitations/${enc(companyId)}/accept`, { method: 'POST', auth: 'required', homeCompany: true }),
  decline: (companyId: string) => api.request<{ declined: string }>(`/me/invitations/${enc(companyId)}/decline`, { method: 'POST', auth: 'required', homeCompany: true }),
  leave: (companyId: string) => api.request<{ left: string }>(`/me/memberships/${enc(companyId)}`, { method: 'DELETE', auth: 'required', homeCompany: true }),
});
