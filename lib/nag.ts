import { Stack, Validations } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/** Name of the cdk-nag pack: the CDK validation report groups findings under it. */
export const NAG_PACK = 'AwsSolutions';

/**
 * Acknowledges one AwsSolutions finding on `construct` and its children, e.g. `rule = 'L1'` or
 * `'IAM5[Resource::*]'`. The id is qualified with the pack name (`AwsSolutions::AwsSolutions-L1`) so
 * that the CDK validation report lists it as acknowledged, with its reason and location, instead of
 * dropping it silently. cdk-nag v3 matches granular findings exactly: no prefix matching.
 */
export function acknowledge(construct: IConstruct, rule: string, reason: string): void {
  Validations.of(construct).acknowledge({ id: `${NAG_PACK}::${NAG_PACK}-${rule}`, reason });
}

/**
 * Acknowledges the IAM5 finding for one wildcard resource ARN. The finding id is computed with
 * cdk-nag's own flattening of the resolved ARN, so it names exactly that resource (for example
 * `Resource::arn:<AWS::Partition>:s3:::b2b-portal-uploads-dev-<AWS::AccountId>-<AWS::Region>/*`).
 * Only valid for ARNs built in the construct's own stack (no cross-stack reference).
 */
export function acknowledgeWildcardResource(construct: IConstruct, resourceArn: string, reason: string): void {
  const flattened = flattenCfnReference(Stack.of(construct).resolve(resourceArn));
  acknowledge(construct, `IAM5[Resource::${flattened}]`, reason);
}
