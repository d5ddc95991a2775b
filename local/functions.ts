import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { Context } from 'aws-lambda';
import { lambdaFunctions, type FunctionKey } from '../lib/definitions/index.js';
import { localAccount, localRegion } from './env.js';

type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

const loaded = new Map<FunctionKey, Promise<LambdaHandler>>();
const repositoryRoot = resolve(import.meta.dirname, '..');

/** Imports the very module that CDK bundles for the Lambda and returns its `handler`. */
function load(key: FunctionKey): Promise<LambdaHandler> {
  let handler = loaded.get(key);
  if (!handler) {
    const url = pathToFileURL(resolve(repositoryRoot, lambdaFunctions[key].entry)).href;
    handler = import(url).then((module: { handler?: LambdaHandler }) => {
      if (typeof module.handler !== 'function') throw new Error(`${lambdaFunctions[key].entry} exports no handler`);
      return module.handler;
    });
    loaded.set(key, handler);
  }
  return handler;
}

function lambdaContext(key: FunctionKey, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: key,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${localRegion}:${localAccount}:function:${key}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${key}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Invokes a function the way the Lambda service would: fresh context, same event shape. */
export async function invokeFunction(key: FunctionKey, event: unknown, timeoutMs = 30_000): Promise<unknown> {
  const handler = await load(key);
  return handler(event, lambdaContext(key, timeoutMs));
}
