/**
 * Members from other companies by consent (issue 12): a company admin invites an existing portal user,
 * who accepts or declines while signed in (answers go as the home company, without X-Active-Company),
 * and may leave a company later.
 */
import { roleLabel } from '../account/permissions.js';
import type { ApiResponse } from '../../../functions/contract.js';
import type { ApiClient } from '../api.js';
import type { Column } from '../components/ActionTable.js';
import type { CompanyRole } from '../types.js';

/** A pending invitation as the inviting company sees it. */
export type PendingMemberInvitation = ApiResponse<'POST /companies/{companyId}/members'>;

/** An invitation as the invited person sees it (shop banner, /invitations). */
export type MyInvitation = ApiResponse<'GET /me/invitations'>['invitations'][number];

/** Table columns of an invitation after the one naming who is invited (or who invites): role, inviter, expiry. */
export const invitationColumns = <T extends { role: CompanyRole; invitedBy: { name: string }; expiresAt: string }>(
  first: Column<T>,
  roleHeading: string,
): Column<T>[] => [
  first,
  { label: roleHeading, cell: (invitation) => roleLabel(invitation.role) },
  { label: 'Invited by', cell: (invitation) => invitation.invitedBy.name },
  { label: 'Expires', cell: (invitation) => new Date(invitation.expiresAt).toLocaleDateString() },
];

export const membershipsApi = (api: ApiClient) => ({
  invite: (companyId: string, email: string, role: CompanyRole) =>
    api.call('POST /companies/{companyId}/members', { params: { companyId }, body: { email, role } }, { auth: 'required' }),
  invitations: async (companyId: string, signal?: AbortSignal) =>
    (await api.call('GET /companies/{companyId}/members/invitations', { params: { companyId } }, { auth: 'required', signal })).invitations,
  revoke: (companyId: string, userSub: string) =>
    api.call('DELETE /companies/{companyId}/members/invitations/{userSub}', { params: { companyId, userSub } }, { auth: 'required' }),
  removeMember: (companyId: string, userSub: string) =>
    api.call('DELETE /companies/{companyId}/members/{userSub}', { params: { companyId, userSub } }, { auth: 'required' }),
  mine: async (signal?: AbortSignal) => (await api.call('GET /me/invitations', {}, { auth: 'required', signal })).invitations,
  accept: (companyId: string) => api.call('POST /me/invitations/{companyId}/accept', { params: { companyId } }, { auth: 'required', homeCompany: true }),
  decline: (companyId: string) => api.call('POST /me/invitations/{companyId}/decline', { params: { companyId } }, { auth: 'required', homeCompany: true }),
  leave: (companyId: string) => api.call('DELETE /me/memberships/{companyId}', { params: { companyId } }, { auth: 'required', homeCompany: true }),
});
