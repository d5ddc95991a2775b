/**
 * AWS SDK clients, one module per client (functions/shared/clients/*.ts), so a function bundles only
 * the SDK packages it calls (bench/coldstart.ts). Each is created once per execution environment on
 * first use; endpoints come from the standard `AWS_ENDPOINT_URL_<SERVICE>` variables, which only the
 * local stack sets. Every client module registers how to forget its client here.
 */
const resets = new Set<() => void>();

/** Called by each client module when it is loaded. */
export function onResetClients(reset: () => void): void {
  resets.add(reset);
}

/** Forget every client created so far (the local stack restarted on new emulator ports in the same process). */
export function resetClients(): void {
  for (const reset of resets) reset();
}
