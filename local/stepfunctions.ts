import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stateMachines, type FunctionKey, type StateMachineKey } from '../lib/definitions/index.js';
import { localAccount, localRegion } from './env.js';
import { invokeFunction } from './functions.js';

// aws-local-stepfunctions v3 uses Promise.withResolvers (Node 22); polyfill before loading it.
if (!('withResolvers' in Promise)) {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
const { StateMachine, ExecutionError } = await import('aws-local-stepfunctions');

type Json = Parameters<InstanceType<typeof StateMachine>['run']>[0];

interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  startDate: number;
  stopDate?: number;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  done: Promise<void>;
}

export const stateMachineArn = (key: StateMachineKey) =>
  `arn:aws:states:${localRegion}:${localAccount}:stateMachine:${stateMachines[key].localName}`;

const functionArn = (key: string) => `arn:aws:lambda:${localRegion}:${localAccount}:function:${key}`;

/** Substitutes `${functionKey}` like CDK's definitionSubstitutions and maps those Task states to local handlers. */
export function prepareDefinition(asl: Record<string, unknown>) {
  const handlers: Record<string, (input: Json) => Promise<Json>> = {};
  const visit = (states: Record<string, Record<string, unknown>>) => {
    for (const [name, state] of Object.entries(states)) {
      const resource = typeof state.Resource === 'string' ? /^\$\{(\w+)\}$/.exec(state.Resource) : null;
      if (resource) {
        const key = resource[1] as FunctionKey;
        handlers[name] = async (input) => (await invokeFunction(key, input)) as Json;
      }
      const nested = [state.Iterator, state.ItemProcessor, ...((state.Branches as unknown[]) ?? [])] as ({ States?: Record<string, Record<string, unknown>> } | undefined)[];
      for (const child of nested) if (child?.States) visit(child.States);
    }
  };
  visit(asl.States as Record<string, Record<string, unknown>>);
  const definition = JSON.parse(JSON.stringify(asl).replace(/"\$\{(\w+)\}"/g, (_match, key: string) => JSON.stringify(functionArn(key))));
  return { definition, handlers };
}

class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A Step Functions endpoint for the AWS SDK (JSON 1.0 protocol: StartExecution, DescribeExecution,
 * StopExecution) that runs the same ASL as CDK deploys with aws-local-stepfunctions.
 */
export async function startStepFunctions() {
  const machines = new Map(
    (Object.keys(stateMachines) as StateMachineKey[]).map((key) => {
      const { definition, handlers } = prepareDefinition(stateMachines[key].asl);
      return [stateMachineArn(key), { machine: new StateMachine(definition), handlers, name: stateMachines[key].localName }];
    }),
  );
  const executions = new Map<string, Execution & { abort: () => void }>();

  const actions: Record<string, (body: Record<string, unknown>) => unknown> = {
    StartExecution(body) {
      const arn = String(body.stateMachineArn);
      const target = machines.get(arn);
      if (!target) throw new AwsError('StateMachineDoesNotExist', `State machine does not exist: ${arn}`);
      const name = typeof body.name === 'string' ? body.name : randomUUID();
      const input = typeof body.input === 'string' ? body.input : '{}';
      const executionArn = `arn:aws:states:${localRegion}:${localAccount}:execution:${target.name}:${name}`;
      const existing = executions.get(executionArn);
      if (existing) {
        if (existing.input === input) return { executionArn, startDate: existing.startDate };
        throw new AwsError('ExecutionAlreadyExists', `Execution already exists: ${executionArn}`);
      }
      const run = target.machine.run(JSON.parse(input) as Json, {
        overrides: { taskResourceLocalHandlers: target.handlers, retryIntervalOverrides: {} },
      });
      const execution: Execution & { abort: () => void } = {
        executionArn,
        stateMachineArn: arn,
        name,
        status: 'RUNNING',
        startDate: Date.now() / 1000,
        input,
        abort: run.abort,
        done: run.result.then(
          (output) => {
            Object.assign(execution, { status: 'SUCCEEDED', output: JSON.stringify(output) });
          },
          (error: unknown) => {
            if (execution.status === 'ABORTED') return;
            const cause = error instanceof ExecutionError ? (error as Error & { cause?: { name?: string; message?: string } }).cause : undefined;
            Object.assign(execution, {
              status: 'FAILED',
              error: cause?.name ?? (error as Error).name,
              cause: cause?.message ?? (error as Error).message,
            });
          },
        ).finally(() => {
          execution.stopDate = Date.now() / 1000;
        }),
      };
      executions.set(executionArn, execution);
      return { executionArn, startDate: execution.startDate };
    },
    DescribeExecution(body) {
      const execution = executions.get(String(body.executionArn));
      if (!execution) throw new AwsError('ExecutionDoesNotExist', `Execution does not exist: ${String(body.executionArn)}`);
      const { done: _done, abort: _abort, ...description } = execution;
      return description;
    },
    StopExecution(body) {
      const execution = executions.get(String(body.executionArn));
      if (!execution) throw new AwsError('ExecutionDoesNotExist', `Execution does not exist: ${String(body.executionArn)}`);
      if (execution.status === 'RUNNING') {
        execution.status = 'ABORTED';
        execution.abort();
      }
      return { stopDate: Date.now() / 1000 };
    },
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const send = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify(payload));
      };
      try {
        const action = String(request.headers['x-amz-target'] ?? '').replace(/^AWSStepFunctions\./, '');
        const handler = actions[action];
        if (!handler) throw new AwsError('UnknownOperationException', `Operation ${action} is not emulated locally`);
        send(200, handler(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>));
      } catch (error) {
        const type = error instanceof AwsError ? error.type : 'InternalFailure';
        send(error instanceof AwsError ? 400 : 500, { __type: type, message: (error as Error).message });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    /** Waits for every running execution (used by tests and on shutdown). */
    settle: () => Promise.all([...executions.values()].map((execution) => execution.done)),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const execution of executions.values()) if (execution.status === 'RUNNING') execution.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
