import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClientIdentityProvider,
  UserPoolGroup,
  type UserPoolClient,
  type UserPoolDomain,
  type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { physicalName, type PortalConfig } from './config.js';
import { userPool as userPoolDefinition, type ApiScope, type ClientKey, type MachineClientKey, type Role } from './definitions/index.js';
import { acknowledge } from './nag.js';

export interface AuthStackProps extends StackProps {
  readonly config: PortalConfig;
}

/**
 * Cognito user pool, its role groups, the two SPA clients and the integrators' machine clients
 * (resource server scopes, client credentials), built from lib/definitions/user-pool.ts.
 */
export class AuthStack extends Stack {
  readonly userPool: UserPool;
  readonly clients: Record<ClientKey, UserPoolClient>;
  readonly groups: Record<Role, UserPoolGroup>;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`: the `iss` claim of the pool's tokens. */
  readonly issuer: string;
  /** Client ids accepted as token audience (shop and console). */
  readonly audience: string[];
  readonly resourceServer: UserPoolResourceServer;
  /** Hosts the OAuth 2.0 token endpoint machine clients get their access tokens from. */
  readonly domain: UserPoolDomain;
  readonly machineClients: Record<MachineClientKey, UserPoolClient>;
  /** Client ids of the machine clients: accepted by the API's JWT authorizer (`client_id` of access tokens) and the handlers. */
  readonly machineClientIds: string[];

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);
    const { config } = props;
    const definition = userPoolDefinition;

    const customAttributes = Object.fromEntries(
      Object.entries(definition.customAttributes).map(([name, { maxLength }]) => [
        name,
        // Mutable so back-office tooling (AdminUpdateUserAttributes) can re-assign; no app client can write them.
        new StringAttribute({ minLen: 1, maxLen: maxLength, mutable: true }),
      ]),
    );

    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: physicalName(config, definition.localName),
      // Accounts are created by the back office (AdminCreateUser), never by visitors.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes,
      passwordPolicy: {
        minLength: definition.passwordPolicy.minLength,
        requireLowercase: definition.passwordPolicy.requireLowercase,
        requireUppercase: definition.passwordPolicy.requireUppercase,
        requireDigits: definition.passwordPolicy.requireDigits,
        requireSymbols: definition.passwordPolicy.requireSymbols,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: config.cognitoPlusTier ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(config.cognitoPlusTier ? { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION } : {}),
      deletionProtection: config.retainData,
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.groups = {} as Record<Role, UserPoolGroup>;
    definition.groups.forEach((role, precedence) => {
      this.groups[role] = new UserPoolGroup(this, `Group-${role}`, {
        userPool: this.userPool,
        groupName: role,
        description: `Portal role ${role}`,
        precedence,
      });
    });

    const customNames = Object.keys(definition.customAttributes);
    const readAttributes = new ClientAttributes()
      .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
      .withCustomAttributes(...customNames);
    // Standard attributes only: companyId and role decide tenancy and authorization, so a user
    // must never be able to change them with their own access token (UpdateUserAttributes).
    const writeAttributes = new ClientAttributes().withStandardAttributes({ email: true, fullname: true });

    this.clients = {} as Record<ClientKey, UserPoolClient>;
    for (const [key, client] of Object.entries(definition.clients) as [ClientKey, { localName: string }][]) {
      this.clients[key] = this.userPool.addClient(`${key}Client`, {
        userPoolClientName: physicalName(config, client.localName),
        generateSecret: false,
        // Punchout signs its buyer account in server-side on the shop client (functions/punchout/sign-in.ts).
        authFlows: { userPassword: true, userSrp: true, ...(key === 'shop' ? { adminUserPassword: true } : {}) },
        disableOAuth: true,
        preventUserExistenceErrors: true,
        enableTokenRevocation: true,
        idTokenValidity: Duration.hours(1),
        accessTokenValidity: Duration.hours(1),
        refreshTokenValidity: Duration.days(30),
        readAttributes,
        writeAttributes,
      });
    }

    this.issuer = `https://cognito-idp.${Aws.REGION}.amazonaws.com/${this.userPool.userPoolId}`;
    this.audience = Object.values(this.clients).map((client) => client.userPoolClientId);

    const server = definition.resourceServer;
    const scopes = Object.fromEntries(
      Object.entries(server.scopes).map(([scopeName, scopeDescription]) => [scopeName, new ResourceServerScope({ scopeName, scopeDescription })]),
    ) as Record<ApiScope, ResourceServerScope>;
    this.resourceServer = this.userPool.addResourceServer('ResourceServer', {
      identifier: server.identifier,
      userPoolResourceServerName: server.name,
      scopes: Object.values(scopes),
    });
    // A Cognito prefix domain (globally unique per region, hence the account); only /oauth2/token is used.
    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: `${physicalName(config, 'b2b-portal')}-${Aws.ACCOUNT_ID}` } });
    this.machineClients = {} as Record<MachineClientKey, UserPoolClient>;
    for (const [key, client] of Object.entries(definition.machineClients) as [MachineClientKey, { localName: string; scopes: readonly ApiScope[] }][]) {
      const machineClient = this.userPool.addClient(`${key}Client`, {
        userPoolClientName: physicalName(config, client.localName),
        generateSecret: true,
        oAuth: { flows: { clientCredentials: true }, scopes: client.scopes.map((scope) => OAuthScope.resourceServer(this.resourceServer, scopes[scope])) },
        supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
        preventUserExistenceErrors: true,
        enableTokenRevocation: true,
        accessTokenValidity: Duration.hours(1),
      });
      machineClient.node.addDependency(this.resourceServer);
      this.machineClients[key] = machineClient;
    }
    this.machineClientIds = Object.values(this.machineClients).map((client) => client.userPoolClientId);
    new CfnOutput(this, 'TokenEndpoint', {
      value: `${this.domain.baseUrl()}/oauth2/token`,
      description: 'OAuth 2.0 token endpoint of the machine clients (client credentials)',
    });
    for (const [key, client] of Object.entries(this.machineClients)) {
      new CfnOutput(this, `${key}ClientId`, {
        value: client.userPoolClientId,
        description: `Client id of the ${key} machine client (secret: aws cognito-idp describe-user-pool-client)`,
      });
    }

    acknowledge(
      this.userPool,
      'COG1',
      `The password policy is the portal's single definition (lib/definitions/user-pool.ts, shared with the local stack): at least ${definition.passwordPolicy.minLength} characters with upper case, lower case and digits. Symbols are not required, following NIST SP 800-63B (length over composition rules).`,
    );
    acknowledge(
      this.userPool,
      'COG2',
      'MFA is optional (TOTP): accounts are issued by the back office to known business customers, and mandatory MFA for every buyer is a product decision, not an infrastructure default.',
    );
    if (!config.cognitoPlusTier) {
      acknowledge(
        this.userPool,
        'COG8',
        'The Plus feature plan (threat protection, compromised-credential checks) is billed per monthly active user; it is switched on per deployment with the context flag cognitoPlusTier=true, which also enforces standard threat protection.',
      );
    }
  }
}
