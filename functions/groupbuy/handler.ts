import { createHttpHandler, forRoles, reply } from '../shared/http.js';
import { groupbuyContract } from './contract.js';
import * as groupbuy from './service.js';

const companyUsers = ['company-admin', 'super-user', 'buyer'] as const;

export const handler = createHttpHandler('groupbuy', groupbuyContract, {
  'POST /console/pools': forRoles(['back-office'], async ({ caller, body }) => reply(201, await groupbuy.openPool(caller, body))),

  'GET /console/pools': forRoles(['back-office'], () => groupbuy.listAllPools()),

  'GET /console/pools/{poolId}': forRoles(['back-office'], ({ params }) => groupbuy.poolWithParticipants(params.poolId)),

  'GET /pools': forRoles(companyUsers, ({ caller }) => groupbuy.listOpenPools(caller)),

  'GET /pools/{poolId}': forRoles(companyUsers, ({ caller, params }) => groupbuy.showPool(caller, params.poolId)),

  // The company comes only from the verified token: the strict body cannot name another one.
  'PUT /pools/{poolId}/commitment': forRoles(['company-admin', 'buyer'], ({ caller, params, body }) => groupbuy.commit(caller, params.poolId, body.quantity)),
});
