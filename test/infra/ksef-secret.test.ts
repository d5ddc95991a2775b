import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaFunctions } from '../../lib/definitions/functions.js';
import { ksefSecret } from '../../lib/definitions/secrets.js';
import { buildTestApp, resourcesOf, templateOf } from './helpers.js';

/** The KSeF connection secret (docs/ksef.md): created in the data stack, read by name by the functions that issue documents only. */

type Props = Record<string, any>;
const SECRET_NAME = `${ksefSecret.localName}-dev`;

describe('KSeF connection secret', () => {
  let data: Template;
  let stacks: Template[];

  beforeAll(() => {
    const app = buildTestApp();
    data = templateOf(app.data);
    stacks = [templateOf(app.api), templateOf(app.workflow)];
  });

  it('the data stack creates it with an empty token (KSeF off until the operator sets one), retained', () => {
    const secrets = Object.values(resourcesOf(data, 'AWS::SecretsManager::Secret'));
    const secret = secrets.find((item) => (item.Properties as Props).Name === SECRET_NAME);
    expect(secret).toBeDefined();
    const template = JSON.parse((secret!.Properties as Props).GenerateSecretString.SecretStringTemplate) as Record<string, string>;
    expect(template).toEqual({ baseUrl: 'https://api.ksef.mf.gov.pl/v2', environment: 'production', token: '' });
    expect(secret!.DeletionPolicy).toBe('Retain');
  });

  it('functions that issue (or re-send) invoices or credit notes get KSEF_SECRET_ID and GetSecretValue on that secret only; the others neither', () => {
    const issuing = Object.entries(lambdaFunctions)
      .filter(([, definition]) => (definition as { readsKsefSecret?: boolean }).readsKsefSecret)
      .map(([key]) => key);
    expect(issuing.sort()).toEqual(['invoices', 'orders', 'ordersWorkflow', 'rma', 'rmaWorkflow']);
    const seen = new Set<string>();
    for (const template of stacks) {
      const policies = Object.values(resourcesOf(template, 'AWS::IAM::Policy'));
      for (const [, fn] of Object.entries(resourcesOf(template, 'AWS::Lambda::Function'))) {
        const props = fn.Properties as Props;
        const key = String(props.FunctionName ?? '').replace(/^b2b-portal-dev-/, '');
        if (!(key in lambdaFunctions)) continue;
        seen.add(key);
        const roleId = props.Role?.['Fn::GetAtt']?.[0];
        const statements = policies
          .filter((policy) => ((policy.Properties as Props).Roles ?? []).some((role: Props) => role.Ref === roleId))
          .flatMap((policy) => (policy.Properties as Props).PolicyDocument.Statement as Props[]);
        const secretStatements = statements.filter((statement) => [statement.Action].flat().some((action: string) => action.startsWith('secretsmanager:')));
        if (issuing.includes(key)) {
          expect(props.Environment.Variables[ksefSecret.envVar], key).toBe(SECRET_NAME);
          expect(secretStatements, key).toHaveLength(1);
          expect(secretStatements[0]!.Action, key).toBe('secretsmanager:GetSecretValue');
          expect(JSON.stringify(secretStatements[0]!.Resource), key).toContain(`:secret:${SECRET_NAME}-??????`);
        } else {
          expect(props.Environment.Variables[ksefSecret.envVar], key).toBeUndefined();
          expect(secretStatements, key).toEqual([]);
        }
      }
    }
    for (const key of issuing) expect(seen.has(key), key).toBe(true);
  });
});
