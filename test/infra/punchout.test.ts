import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, resourcesOf, templateOf } from './helpers.js';

type Props = Record<string, any>;

/** Punchout: server-side sign-in of the punchout buyer on the shop client, and nothing more. */
describe('punchout infrastructure', () => {
  let api: Template;
  let auth: Template;

  beforeAll(() => {
    const portal = buildTestApp({ context: { webOrigins: 'https://shop.example.com' } });
    api = templateOf(portal.api);
    auth = templateOf(portal.auth);
  });

  const functionProps = (key: string) =>
    Object.values(resourcesOf(api, 'AWS::Lambda::Function')).find((fn) => (fn.Properties as Props).FunctionName === `b2b-portal-dev-${key}`)!
      .Properties as Props;
  const statements = (key: string): Props[] => {
    const roleId = functionProps(key).Role['Fn::GetAtt'][0];
    return Object.values(resourcesOf(api, 'AWS::IAM::Policy'))
      .filter((policy) => ((policy.Properties as Props).Roles as Props[]).some((role) => role.Ref === roleId))
      .flatMap((policy) => (policy.Properties as Props).PolicyDocument.Statement as Props[]);
  };
  const actions = (key: string) => statements(key).flatMap((statement) => [statement.Action].flat() as string[]);

  it('may set a password and sign in, and create / delete its technical accounts, on the user pool only, but never re-role or re-enable users', () => {
    const signIn = statements('punchout').find((statement) => statement.Sid === 'UserSignIn')!;
    expect([signIn.Action].flat().sort()).toEqual(['cognito-idp:AdminInitiateAuth', 'cognito-idp:AdminSetUserPassword']);
    expect(JSON.stringify(signIn.Resource)).toContain('UserPool');
    const technical = statements('punchout').find((statement) => statement.Sid === 'TechnicalUsers')!;
    expect([technical.Action].flat().sort()).toEqual(['cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser']);
    expect(JSON.stringify(technical.Resource)).toContain('UserPool');
    for (const action of [
      'cognito-idp:AdminUpdateUserAttributes',
      'cognito-idp:AdminRemoveUserFromGroup',
      'cognito-idp:AdminEnableUser',
      'cognito-idp:AdminDisableUser',
    ]) {
      expect(actions('punchout')).not.toContain(action);
    }
    expect(actions('accounts')).not.toContain('cognito-idp:AdminInitiateAuth');
  });

  it('lets browsers send the punchout session header (CORS)', () => {
    const apis = Object.values(resourcesOf(api, 'AWS::ApiGatewayV2::Api')).map((resource) => resource.Properties as Props);
    expect(apis.some((props) => (props.CorsConfiguration?.AllowHeaders as string[] | undefined)?.includes('x-punchout-session'))).toBe(true);
  });

  it('gets the pool, the shop client and the SPA address in its environment', () => {
    const variables = functionProps('punchout').Environment.Variables as Props;
    expect(variables.USER_POOL_ID).toBeDefined();
    expect(variables.SHOP_CLIENT_ID).toBeDefined();
    expect(variables.WEB_URL).toBe('https://shop.example.com');
  });

  it('allows ADMIN_USER_PASSWORD_AUTH on the shop client only', () => {
    const clients = Object.values(resourcesOf(auth, 'AWS::Cognito::UserPoolClient')).map((client) => client.Properties as Props);
    const shop = clients.find((client) => String(client.ClientName).includes('shop'))!;
    const console = clients.find((client) => String(client.ClientName).includes('console'))!;
    expect(shop.ExplicitAuthFlows).toContain('ALLOW_ADMIN_USER_PASSWORD_AUTH');
    expect(console.ExplicitAuthFlows).not.toContain('ALLOW_ADMIN_USER_PASSWORD_AUTH');
  });
});
