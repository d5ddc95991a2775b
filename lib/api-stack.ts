import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnStage, CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination, type HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { physicalName, projectRoot, type PortalConfig } from './config.js';
import { ksefSecret } from './definitions/secrets.js';
import { ContextFunction } from './constructs/context-function.js';
import { portalBucket } from './data-stack.js';
import {
  activeCompanyHeader,
  punchoutSessionHeader,
  buckets,
  httpFunctionKeys,
  lambdaFunctions,
  routeKey,
  routes,
  type BucketKey,
  type FunctionKey,
  type QueueKey,
  type RouteDefinition,
  type StateMachineKey,
} from './definitions/index.js';
import { acknowledge } from './nag.js';

export interface ApiStackProps extends StackProps {
  readonly config: PortalConfig;
  readonly table: ITable;
  readonly queues: Readonly<Record<QueueKey, IQueue>>;
  readonly stateMachines: Readonly<Record<StateMachineKey, IStateMachine>>;
  /** Functions already built elsewhere (the workflow stack) that also serve routes. */
  readonly existingFunctions?: Readonly<Partial<Record<FunctionKey, IFunction>>>;
  readonly authIssuer: string;
  readonly authAudience: readonly string[];
  /** Integrators' machine clients: also accepted by the JWT authorizer; the handlers check their scopes. */
  readonly machineClientIds?: readonly string[];
  /** For functions that manage users (lib/definitions/functions.ts `managesUsers`). */
  readonly userPool: IUserPool;
  /** For functions that sign users in server-side (`signsInUsers`, punchout). */
  readonly shopClientId: string;
  /** For the sign-in door (`authenticatesUsers`, accounts). */
  readonly consoleClientId: string;
}

/** HTTP API fields written to the access log, one JSON object per request. */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  sub: '$context.authorizer.claims.sub',
});

const NO_AUTHORIZER_REASON: Record<Exclude<RouteDefinition['auth'], 'jwt'>, string> = {
  optional:
    'Guest view (auth "optional" in lib/definitions/routes.ts): no API Gateway authorizer so anonymous visitors are served; when a bearer token is sent, the handler verifies it (functions/shared/auth.ts) before showing customer-specific data such as prices.',
  none: 'Public route (auth "none" in lib/definitions/routes.ts) used before anyone has an account or a token (shop settings, company self-registration, licence upload URL, sign-in, its challenges, token refresh, sign-out and password reset, limited per e-mail address in the handler) or by partner systems that prove themselves with their own credentials (punchout: OCI password, cXML shared secret, one-time start code; docs/punchout.md); the handler validates the body strictly, returns no tenant data without those credentials, and unauthenticated writes get a tight per-route throttle.',
};

/** The SPA's public URL, as far as the configuration knows it (punchout start pages need it). */
const publicWebUrl = (config: PortalConfig): string | undefined =>
  config.domain ? `https://${config.domain.domainName}` : config.webOrigins.find((origin) => origin.startsWith('https://'));

/** Per-route limit for unauthenticated writes (registrations, upload URLs): far below the stage default. */
const PUBLIC_WRITE_THROTTLE = { ThrottlingRateLimit: 2, ThrottlingBurstLimit: 5 };
/**
 * The sign-in door (/auth/*) is the main way in: more headroom than other public writes, still below
 * the stage default; guessing is limited per e-mail address in the handler (functions/accounts/sign-in.ts).
 */
const SIGN_IN_THROTTLE = { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 };

/**
 * The HTTP API: one route per `routes` entry, served by one Lambda per bounded context
 * (`httpFunctionKeys()`), with Cognito's JWT authorizer on every `jwt` route.
 */
export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly functions: Partial<Record<FunctionKey, IFunction>>;
  readonly authorizer: HttpJwtAuthorizer;
  /** Base URL of the API (no trailing slash). */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const bucketRefs = Object.fromEntries((Object.keys(buckets) as BucketKey[]).map((key) => [key, portalBucket(this, config, key)])) as Record<
      BucketKey,
      ReturnType<typeof portalBucket>
    >;

    this.functions = {};
    for (const key of httpFunctionKeys()) {
      const existing = props.existingFunctions?.[key];
      if (existing) {
        this.functions[key] = existing;
        continue;
      }
      const built = new ContextFunction(this, `${key}Function`, {
        functionKey: key,
        definition: lambdaFunctions[key],
        projectRoot,
        functionName: `${config.stackPrefix}-${key}`,
        removalPolicy,
        resources: {
          table: props.table,
          buckets: bucketRefs,
          queues: props.queues,
          stateMachines: props.stateMachines,
          authIssuer: props.authIssuer,
          authAudience: props.authAudience,
          machineClientIds: props.machineClientIds ?? [],
          userPool: props.userPool,
          mailFrom: config.mailFrom,
          shopClientId: props.shopClientId,
          consoleClientId: props.consoleClientId,
          ksefSecretName: physicalName(config, ksefSecret.localName),
          // The SPA's address when the deployment names it (custom domain, else a concrete CORS origin).
          ...(publicWebUrl(config) ? { webUrl: publicWebUrl(config) } : {}),
        },
      });
      this.functions[key] = built.function;
    }

    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `${config.stackPrefix}-api`,
      description: 'B2B portal HTTP API',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...config.webOrigins],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE, CorsHttpMethod.OPTIONS],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key', activeCompanyHeader, punchoutSessionHeader],
        maxAge: Duration.hours(1),
      },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS, removalPolicy });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.apiThrottle.rateLimit, burstLimit: config.apiThrottle.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(ACCESS_LOG_FORMAT),
      },
    });
    this.url = this.api.apiEndpoint;

    this.authorizer = new HttpJwtAuthorizer('CognitoJwt', props.authIssuer, {
      authorizerName: 'cognito-jwt',
      // For access tokens (machine clients) HTTP APIs compare `client_id` with the audience.
      jwtAudience: [...props.authAudience, ...(props.machineClientIds ?? [])],
      identitySource: ['$request.header.Authorization'],
    });

    const integrations = new Map<FunctionKey, HttpLambdaIntegration>();
    const integrationFor = (key: FunctionKey): HttpLambdaIntegration => {
      let integration = integrations.get(key);
      if (!integration) {
        const handler = this.functions[key];
        if (!handler) throw new Error(`No function built for route context ${key}`);
        // One invoke permission per function for this API (not one per route: policy size grows with routes).
        integration = new HttpLambdaIntegration(`${key}Integration`, handler, { scopePermissionToRoute: false });
        integrations.set(key, integration);
      }
      return integration;
    };

    const routeSettings: Record<string, typeof PUBLIC_WRITE_THROTTLE> = {};
    for (const route of routes as readonly RouteDefinition[]) {
      const [httpRoute] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrationFor(route.context),
        ...(route.auth === 'jwt' ? { authorizer: this.authorizer } : {}),
      }) as [HttpRoute];
      if (route.auth !== 'jwt') {
        acknowledge(httpRoute, 'APIG4', `${routeKey(route)}: ${NO_AUTHORIZER_REASON[route.auth]}`);
        if (route.auth === 'none' && route.method !== 'GET') {
          routeSettings[routeKey(route)] = route.path.startsWith('/auth/') ? SIGN_IN_THROTTLE : PUBLIC_WRITE_THROTTLE;
          this.stage.node.addDependency(httpRoute); // route settings may only name existing routes
        }
      }
    }
    if (Object.keys(routeSettings).length > 0) (this.stage.node.defaultChild as CfnStage).routeSettings = routeSettings;

    new CfnOutput(this, 'ApiUrl', { value: this.url, description: 'Base URL of the HTTP API' });
  }
}
