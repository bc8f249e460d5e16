/** IAM policy documents as the JSON strings Terraform's IAM resources take. */

/** A role's trust policy: `service` (e.g. `lambda.amazonaws.com`) may assume it, under `condition` if given. */
export const assumeRolePolicy = (service: string, condition?: Record<string, unknown>) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });

/** A permissions policy of these statements. */
export const policyDocument = (statements: readonly Record<string, unknown>[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
