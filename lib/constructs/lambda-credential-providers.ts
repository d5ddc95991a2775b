/**
 * Bundled into the Lambdas in place of the AWS SDK's credential providers for shared config files
 * (ini profiles, credential_process, SSO) and web-identity token files (lib/constructs/bundling.ts,
 * `alias`). The SDK's default chain (@aws-sdk/credential-provider-node) tries them after the
 * environment and before the container / instance metadata endpoints; in Lambda the environment
 * always holds the function role's credentials, there is no ~/.aws and no token file, so they are
 * never reached, yet they and the STS / SSO clients they use are ≈ 90 KB minified of every bundle.
 * Each one here answers what the real one answers without its files: "not configured, try the next
 * source" (`tryNextLink`), so the chain behaves as before and still ends at the remote providers.
 */

class CredentialsProviderError extends Error {
  override readonly name = 'CredentialsProviderError';
  readonly tryNextLink = true;
}

const notInLambda = (source: string) => () => async (): Promise<never> => {
  throw new CredentialsProviderError(`${source} credentials are not bundled into Lambda functions (lib/constructs/lambda-credential-providers.ts)`);
};

export const fromIni = notInLambda('Shared config file (ini)');
export const fromProcess = notInLambda('credential_process');
export const fromSSO = notInLambda('SSO');
export const fromTokenFile = notInLambda('Web identity token file');
