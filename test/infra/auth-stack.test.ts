import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiScopes, roles, userPool } from '../../lib/definitions/index.js';
import { buildTestApp, resourcesOf, templateOf } from './helpers.js';

describe('auth stack', () => {
  let template: Template;

  beforeAll(() => {
    template = templateOf(buildTestApp().auth);
  });

  const pool = () => Object.values(resourcesOf(template, 'AWS::Cognito::UserPool'))[0]!.Properties as Record<string, any>;

  it('signs in with e-mail and allows no self sign-up', () => {
    expect(Object.keys(resourcesOf(template, 'AWS::Cognito::UserPool'))).toHaveLength(1);
    expect(pool().UsernameAttributes).toEqual(['email']);
    expect(pool().AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(pool().MfaConfiguration).toBe('OPTIONAL');
    expect(pool().DeletionProtection).toBe('ACTIVE');
  });

  it('has the custom attributes of the definition', () => {
    for (const [name, { maxLength }] of Object.entries(userPool.customAttributes)) {
      expect(pool().Schema).toContainEqual(
        expect.objectContaining({
          Name: name,
          AttributeDataType: 'String',
          StringAttributeConstraints: { MinLength: '1', MaxLength: String(maxLength) },
        }),
      );
    }
  });

  it('applies the password policy of the definition', () => {
    const policy = userPool.passwordPolicy;
    expect(pool().Policies.PasswordPolicy).toMatchObject({
      MinimumLength: policy.minLength,
      RequireLowercase: policy.requireLowercase,
      RequireUppercase: policy.requireUppercase,
      RequireNumbers: policy.requireDigits,
      RequireSymbols: policy.requireSymbols,
    });
  });

  it('has one group per role', () => {
    const groups = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolGroup')).map((group) => group.Properties!.GroupName);
    expect(groups.sort()).toEqual([...roles].sort());
    expect(userPool.groups).toEqual(roles);
  });

  it('has the shop and console clients, which cannot write the custom attributes', () => {
    const clients = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolClient'))
      .map((client) => client.Properties as Record<string, any>)
      .filter((client) => !client.GenerateSecret);
    expect(clients.map((client) => client.ClientName).sort()).toEqual(
      Object.values(userPool.clients)
        .map((client) => `${client.localName}-dev`)
        .sort(),
    );
    for (const client of clients) {
      expect(client.GenerateSecret).toBe(false);
      expect(client.ExplicitAuthFlows).toEqual(expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']));
      expect(client.PreventUserExistenceErrors).toBe('ENABLED');
      expect(client.IdTokenValidity).toBe(60);
      expect(client.AccessTokenValidity).toBe(60);
      expect(client.RefreshTokenValidity).toBe(43200);
      expect(client.TokenValidityUnits).toEqual({ IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' });
      // The tokens carry companyId and role …
      expect(client.ReadAttributes).toEqual(expect.arrayContaining(Object.keys(userPool.customAttributes).map((name) => `custom:${name}`)));
      // … but only standard attributes are writable with a user's own token.
      expect(client.WriteAttributes.length).toBeGreaterThan(0);
      for (const attribute of client.WriteAttributes as string[]) expect(attribute.startsWith('custom:'), attribute).toBe(false);
    }
  });

  it('has a resource server with the API scopes and a domain for the token endpoint', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: userPool.resourceServer.identifier,
      Scopes: Object.entries(userPool.resourceServer.scopes).map(([ScopeName, ScopeDescription]) => ({ ScopeName, ScopeDescription })),
    });
    expect(apiScopes).toEqual(expect.arrayContaining(['orders:read', 'orders:write', 'invoices:read', 'catalog:write', 'master-data:read']));
    const domains = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolDomain'));
    expect(domains).toHaveLength(1);
    expect(JSON.stringify(domains[0]!.Properties!.Domain)).toContain('b2b-portal-dev-');
  });

  it('has one machine client per integrator: client credentials with a secret and only its own scopes', () => {
    const machines = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolClient'))
      .map((client) => client.Properties as Record<string, any>)
      .filter((client) => client.GenerateSecret);
    expect(machines.map((client) => client.ClientName).sort()).toEqual(
      Object.values(userPool.machineClients)
        .map((client) => `${client.localName}-dev`)
        .sort(),
    );
    for (const machine of Object.values(userPool.machineClients)) {
      const client = machines.find((candidate) => candidate.ClientName === `${machine.localName}-dev`)!;
      expect(client.AllowedOAuthFlows).toEqual(['client_credentials']);
      expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
      expect(client.ExplicitAuthFlows).toBeUndefined();
      expect(client.CallbackURLs).toBeUndefined();
      expect(client.AccessTokenValidity).toBe(60);
      // Scopes are `<resource server id>/<scope>`; the id is a reference to the resource server.
      const scopes = (client.AllowedOAuthScopes as unknown[]).map((scope) => JSON.stringify(scope));
      expect(scopes).toHaveLength(machine.scopes.length);
      for (const scope of machine.scopes)
        expect(
          scopes.some((text) => text.includes(`/${scope}`)),
          scope,
        ).toBe(true);
    }
  });

  it('turns on the Plus tier with threat protection when asked', () => {
    const plus = templateOf(buildTestApp({ context: { cognitoPlusTier: true } }).auth);
    plus.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
    template.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'ESSENTIALS', UserPoolAddOns: Match.absent() });
  });
});
