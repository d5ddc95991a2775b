import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PortalApp } from '../../lib/app.js';
import {
  buckets,
  httpFunctionKeys,
  lambdaFunctions,
  queues,
  routeKey,
  routes,
  stateMachines,
  userPool,
  type FunctionDefinition,
} from '../../lib/definitions/index.js';
import { buildTestApp, resourcesOf, templateOf } from './helpers.js';

type Props = Record<string, any>;

describe('api stack', () => {
  let portal: PortalApp;
  let template: Template;

  beforeAll(() => {
    portal = buildTestApp();
    template = templateOf(portal.api);
  });

  const routesByKey = () =>
    Object.fromEntries(
      Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).map((route) => [route.Properties!.RouteKey as string, route.Properties as Props]),
    );

  const functionsByName = (): Record<string, Props> =>
    Object.fromEntries(
      Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).map(([id, fn]) => [
        (fn.Properties as Props).FunctionName,
        { id, ...(fn.Properties as Props) },
      ]),
    );

  it('has exactly one route per entry of lib/definitions/routes.ts', () => {
    expect(Object.keys(routesByKey()).sort()).toEqual(routes.map(routeKey).sort());
  });

  it('puts the Cognito JWT authorizer on jwt routes only', () => {
    const [authorizerId] = Object.keys(resourcesOf(template, 'AWS::ApiGatewayV2::Authorizer'));
    const byKey = routesByKey();
    for (const route of routes) {
      const deployed = byKey[routeKey(route)]!;
      if (route.auth === 'jwt') {
        expect(deployed.AuthorizationType, routeKey(route)).toBe('JWT');
        expect(deployed.AuthorizerId, routeKey(route)).toEqual({ Ref: authorizerId });
      } else {
        expect(deployed.AuthorizationType, routeKey(route)).toBe('NONE');
        expect(deployed.AuthorizerId, routeKey(route)).toBeUndefined();
      }
    }
  });

  it('routes each path to the Lambda of its bounded context', () => {
    const integrations = resourcesOf(template, 'AWS::ApiGatewayV2::Integration');
    const fns = functionsByName();
    for (const route of routes) {
      const target = routesByKey()[routeKey(route)]!.Target['Fn::Join'][1][1].Ref as string;
      const uri = (integrations[target]!.Properties as Props).IntegrationUri;
      expect(uri, routeKey(route)).toEqual({ 'Fn::GetAtt': [fns[`b2b-portal-dev-${route.context}`]!.id, 'Arn'] });
    }
  });

  it('validates Cognito tokens: issuer of the user pool, audience = both app clients and the machine clients', () => {
    const authorizer = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Authorizer'))[0]!.Properties as Props;
    expect(authorizer.AuthorizerType).toBe('JWT');
    expect(authorizer.IdentitySource).toEqual(['$request.header.Authorization']);
    const issuer = JSON.stringify(authorizer.JwtConfiguration.Issuer);
    expect(issuer).toContain('https://cognito-idp.');
    expect(issuer).toContain('.amazonaws.com/');
    expect(issuer).toContain('PublishOutputRefUserPool');
    expect(authorizer.JwtConfiguration.Audience).toHaveLength(2 + Object.keys(userPool.machineClients).length);
    expect(JSON.stringify(authorizer.JwtConfiguration.Audience)).toMatch(/shopClient.*consoleClient.*erpConnectorClient.*pimConnectorClient/);
  });

  it('builds one Lambda per HTTP context on Node.js 22 / ARM64 with tracing', () => {
    const fns = functionsByName();
    expect(Object.keys(fns).sort()).toEqual(
      httpFunctionKeys()
        .map((key) => `b2b-portal-dev-${key}`)
        .sort(),
    );
    for (const fn of Object.values(fns)) {
      expect(fn.Runtime).toBe('nodejs22.x');
      expect(fn.Architectures).toEqual(['arm64']);
      expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Handler).toBe('index.handler');
      expect(fn.LoggingConfig.LogGroup).toBeDefined();
    }
    const logGroups = Object.values(resourcesOf(template, 'AWS::Logs::LogGroup'));
    for (const group of logGroups) expect(group.Properties!.RetentionInDays).toBeGreaterThan(0);
  });

  it('gives every function the environment the handlers read', () => {
    for (const key of httpFunctionKeys()) {
      const definition: FunctionDefinition = lambdaFunctions[key];
      const env = functionsByName()[`b2b-portal-dev-${key}`]!.Environment.Variables as Props;
      const expected = [
        'TABLE_NAME',
        ...Object.values(buckets).map((bucket) => bucket.envVar),
        ...Object.values(queues).map((queue) => queue.envVar),
        ...(definition.startsWorkflows ?? []).map((name) => stateMachines[name as keyof typeof stateMachines].envVar),
        ...(definition.managesUsers || definition.signsInUsers || definition.authenticatesUsers ? ['USER_POOL_ID'] : []),
        // WEB_URL only when the deployment names the SPA's address (not with the default webOrigins '*').
        ...(definition.signsInUsers || definition.authenticatesUsers ? ['SHOP_CLIENT_ID'] : []),
        ...(definition.authenticatesUsers ? ['CONSOLE_CLIENT_ID', 'STAFF_MFA_REQUIRED'] : []),
        ...(definition.sendsMail ? ['MAIL_FROM'] : []),
        ...(definition.readsKsefSecret ? ['KSEF_SECRET_ID'] : []),
        'AUTH_ISSUER',
        'AUTH_AUDIENCE',
        'MACHINE_CLIENT_IDS',
        'POWERTOOLS_SERVICE_NAME',
        'POWERTOOLS_LOG_LEVEL',
        'NODE_OPTIONS',
      ];
      expect(Object.keys(env).sort(), key).toEqual(expected.sort());
      expect(env.POWERTOOLS_SERVICE_NAME).toBe(key);
      expect(env.POWERTOOLS_LOG_LEVEL).toBe('INFO');
      expect(env.AUTH_AUDIENCE['Fn::Join'][0]).toBe(',');
      expect(JSON.stringify(env.AUTH_ISSUER)).toContain('https://cognito-idp.');
    }
  });

  it('makes the accounts function the sign-in door: both app clients, staff MFA required, only AdminSetUserPassword granted for it', () => {
    const fns = functionsByName();
    const accounts = fns['b2b-portal-dev-accounts']!;
    const env = accounts.Environment.Variables as Props;
    expect(env.STAFF_MFA_REQUIRED).toBe('true');
    expect(env.SHOP_CLIENT_ID).toBeDefined();
    expect(env.CONSOLE_CLIENT_ID).toBeDefined();
    expect(JSON.stringify(env.CONSOLE_CLIENT_ID)).not.toBe(JSON.stringify(env.SHOP_CLIENT_ID));
    const roleRef = accounts.Role['Fn::GetAtt'][0];
    const statements = Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
      .filter((policy) => (policy.Properties as Props).Roles.some((role: Props) => role.Ref === roleRef))
      .flatMap((policy) => (policy.Properties as Props).PolicyDocument.Statement as Props[]);
    const signIn = statements.filter((statement) => statement.Sid === 'UserAuthentication');
    expect(signIn).toHaveLength(1);
    expect([signIn[0]!.Action].flat()).toEqual(['cognito-idp:AdminSetUserPassword']);
    expect(JSON.stringify(signIn[0]!.Resource)).toContain('UserPool');
    // Public Cognito operations (InitiateAuth, RespondToAuthChallenge, …) are not IAM-authorized: never granted.
    const actions = statements.flatMap((statement) => [statement.Action].flat() as string[]);
    for (const publicAction of [
      'cognito-idp:InitiateAuth',
      'cognito-idp:RespondToAuthChallenge',
      'cognito-idp:AssociateSoftwareToken',
      'cognito-idp:VerifySoftwareToken',
      'cognito-idp:SetUserMFAPreference',
    ]) {
      expect(actions).not.toContain(publicAction);
    }
  });

  it('grants each function only what its definition declares', () => {
    const policies = resourcesOf(template, 'AWS::IAM::Policy');
    const fns = functionsByName();
    for (const key of httpFunctionKeys()) {
      const definition: FunctionDefinition = lambdaFunctions[key];
      const roleRef = fns[`b2b-portal-dev-${key}`]!.Role['Fn::GetAtt'][0];
      const statements = Object.values(policies)
        .filter((policy) => (policy.Properties as Props).Roles.some((role: Props) => role.Ref === roleRef))
        .flatMap((policy) => (policy.Properties as Props).PolicyDocument.Statement as Props[]);
      const actions = statements.flatMap((s) => [s.Action].flat() as string[]);

      expect(
        actions.filter((a) => a.includes('*')),
        key,
      ).toEqual([]);
      const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
      if (definition.tableAccess === 'read') for (const w of writes) expect(actions, key).not.toContain(w);
      else expect(actions, key).toEqual(expect.arrayContaining(writes));

      const s3 = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('s3:')));
      const grantsOn = (pattern: (resource: string) => boolean) =>
        s3.filter((s) => [s.Resource].flat().some((r) => pattern(JSON.stringify(r)))).flatMap((s) => [s.Action].flat() as string[]);
      for (const [bucket, definition] of Object.entries(buckets)) {
        const access = (lambdaFunctions[key] as FunctionDefinition).buckets?.[bucket as keyof typeof buckets];
        const named = (r: string) => r.includes(`${definition.localName}-dev-`);
        const objectActions = grantsOn((r) => named(r) && r.includes('/*'));
        const bucketActions = grantsOn((r) => named(r) && !r.includes('/*'));
        if (!access) {
          expect([...objectActions, ...bucketActions], `${key} ${bucket}`).toEqual([]);
          continue;
        }
        expect(objectActions, `${key} ${bucket}`).toContain('s3:GetObject');
        expect(objectActions.includes('s3:PutObject'), `${key} ${bucket}`).toBe(access === 'readwrite');
        expect(bucketActions, `${key} ${bucket}`).toEqual(['s3:ListBucket']);
      }

      const sqs = statements.filter((s) => [s.Action].flat().includes('sqs:SendMessage'));
      const queueTargets = sqs.flatMap((s) => [s.Resource].flat()).map((r) => JSON.stringify(r));
      expect(queueTargets.length, key).toBe((definition.sendsTo ?? []).length);
      for (const queue of definition.sendsTo ?? [])
        expect(
          queueTargets.some((t) => t.includes(`${queue}Queue`)),
          `${key} → ${queue}`,
        ).toBe(true);

      const starts = statements.filter((s) => [s.Action].flat().includes('states:StartExecution'));
      expect(starts.length, key).toBe((definition.startsWorkflows ?? []).length);

      const directory = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('cognito-idp:')));
      expect(directory.length, key).toBe(
        (definition.managesUsers ? 1 : 0) +
          (definition.signsInUsers ? 1 : 0) +
          (definition.authenticatesUsers ? 1 : 0) +
          (definition.createsTechnicalUsers ? 1 : 0),
      );
      if (definition.managesUsers) expect(JSON.stringify(directory[0]!.Resource), key).toContain('UserPool');

      const mail = statements.filter((s) => [s.Action].flat().includes('ses:SendEmail'));
      expect(mail.length, key).toBe(definition.sendsMail ? 1 : 0);
      if (definition.sendsMail) {
        const identities = JSON.stringify(mail[0]!.Resource);
        expect(identities, key).toContain(':identity/no-reply@example.com');
        expect(identities, key).toContain(':identity/example.com');
      }
    }
  });

  it('serves cart and checkout (cart) and orders (orders), both starting the order placement saga', () => {
    const fns = functionsByName();
    const byKey = routesByKey();
    const integrations = resourcesOf(template, 'AWS::ApiGatewayV2::Integration');
    const orderMachineId = portal.workflow.getLogicalId(portal.workflow.stateMachines.orderPlacement.node.defaultChild as never);
    for (const key of ['cart', 'orders'] as const) {
      const fn = fns[`b2b-portal-dev-${key}`];
      expect(fn, key).toBeDefined();
      const served = routes.filter((route) => route.context === key);
      expect(served.length, key).toBeGreaterThan(0);
      for (const route of served) {
        const target = byKey[routeKey(route)]!.Target['Fn::Join'][1][1].Ref as string;
        expect((integrations[target]!.Properties as Props).IntegrationUri, routeKey(route)).toEqual({ 'Fn::GetAtt': [fn!.id, 'Arn'] });
      }

      // The state machine lives in the workflow stack: its ARN arrives as that stack's output.
      const fromWorkflow = (value: unknown) => {
        const output = (value as Props)['Fn::GetStackOutput'] as Props | undefined;
        return output?.StackName === 'b2b-portal-dev-workflow' && String(output.OutputName).includes(orderMachineId);
      };
      expect(fromWorkflow(fn!.Environment.Variables[stateMachines.orderPlacement.envVar]), key).toBe(true);
      const statements = Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
        .filter((policy) => ((policy.Properties as Props).Roles as Props[]).some((role) => role.Ref === fn!.Role['Fn::GetAtt'][0]))
        .flatMap((policy) => (policy.Properties as Props).PolicyDocument.Statement as Props[]);
      const states = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('states:')));
      expect(
        states.flatMap((s) => [s.Action].flat()),
        key,
      ).toEqual(['states:StartExecution']);
      const targets = states.flatMap((s) => [s.Resource].flat());
      expect(targets, key).toHaveLength(1);
      expect(fromWorkflow(targets[0]), key).toBe(true);
    }
  });

  it('logs access, throttles the stage and answers CORS preflights', () => {
    const stage = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Stage'))[0]!.Properties as Props;
    expect(stage.StageName).toBe('$default');
    expect(stage.AutoDeploy).toBe(true);
    expect(stage.AccessLogSettings.DestinationArn).toBeDefined();
    expect(JSON.parse(stage.AccessLogSettings.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(stage.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    // Unauthenticated writes get a much tighter limit of their own.
    const publicWrites = routes.filter((route) => route.auth === 'none' && route.method !== 'GET').map(routeKey);
    expect(Object.keys(stage.RouteSettings ?? {}).sort()).toEqual(publicWrites.sort());
    for (const key of publicWrites) expect(stage.RouteSettings[key].ThrottlingRateLimit).toBeLessThan(50);

    const api = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Api'))[0]!.Properties as Props;
    expect(api.CorsConfiguration.AllowOrigins).toEqual(['*']);
    expect(api.CorsConfiguration.AllowHeaders).toEqual(['authorization', 'content-type', 'idempotency-key', 'x-active-company', 'x-punchout-session']);

    const restricted = templateOf(buildTestApp({ context: { webOrigins: '["https://portal.example.com"]' } }).api);
    restricted.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: { AllowOrigins: ['https://portal.example.com'] } });
  });
});
