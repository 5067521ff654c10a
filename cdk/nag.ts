import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag finding on `scope` and everything under it, with the reason it stands.
 * cdk-nag's AwsSolutions pack checks the whole stack in test/cdk/nag.test.ts; every finding is
 * either fixed or acknowledged here, next to the resource it is about, as narrowly as the rule
 * allows (one finding id, e.g. `AwsSolutions-IAM5[Resource::*]`, on one construct).
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}
