import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { lambdaFunctions, stateMachines, type FunctionKey, type StateMachineKey } from '../lib/definitions/index.js';
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

export const stateMachineArn = (key: StateMachineKey) => `arn:aws:states:${localRegion}:${localAccount}:stateMachine:${stateMachines[key].localName}`;

const functionArn = (key: string) => `arn:aws:lambda:${localRegion}:${localAccount}:function:${key}`;

type TaskHandler = (input: Json) => Promise<Json>;

/** Callers waiting on `.waitForTaskToken` states, resolved by SendTaskSuccess / SendTaskFailure. */
const waiting = new Map<string, { resolve: (output: Json) => void; reject: (error: Error) => void }>();

function taskError(name: string, cause: string): Error {
  const error = new Error(cause);
  error.name = name;
  return error;
}

let sqsClient: SQSClient | undefined;
const sqs = () => (sqsClient ??= new SQSClient({ useQueueUrlAsEndpoint: false }));

/** The SQS service integration (`sendMessage`, optionally `.waitForTaskToken`) as Step Functions runs it. */
function sqsIntegration(waitForToken: boolean, timeoutSeconds: number): TaskHandler {
  return async (input) => {
    const { QueueUrl, MessageBody } = input as { QueueUrl: string; MessageBody: unknown };
    const body = typeof MessageBody === 'string' ? MessageBody : JSON.stringify(MessageBody);
    const sent = await sqs().send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    if (!waitForToken) return { MessageId: sent.MessageId ?? null, MD5OfMessageBody: sent.MD5OfMessageBody ?? null };
    const token = (MessageBody as { taskToken?: string }).taskToken;
    if (!token) throw taskError('States.Runtime', 'waitForTaskToken needs $$.Task.Token in the message body');
    const override = Number(process.env.LOCAL_TASK_TOKEN_TIMEOUT_SECONDS);
    const seconds = Number.isFinite(override) && override > 0 ? override : timeoutSeconds;
    return new Promise<Json>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(token);
        reject(taskError('States.Timeout', `No task result within ${seconds} s`));
      }, seconds * 1000);
      waiting.set(token, {
        resolve: (output) => {
          clearTimeout(timer);
          resolve(output);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  };
}

/**
 * Substitutes placeholders like CDK's definitionSubstitutions (`${functionKey}` → Lambda ARN,
 * `${QUEUE_ENV_VAR}` → queue URL) and maps Task states to local handlers: Lambda tasks call the same
 * handler module, SQS integrations send through the SQS emulator.
 */
export function prepareDefinition(asl: Record<string, unknown>, substitutions: Record<string, string> = {}) {
  const handlers: Record<string, TaskHandler> = {};
  const visit = (states: Record<string, Record<string, unknown>>) => {
    for (const [name, state] of Object.entries(states)) {
      const resource = typeof state.Resource === 'string' ? state.Resource : '';
      const lambda = /^\$\{(\w+)\}$/.exec(resource);
      if (lambda && lambda[1]! in lambdaFunctions) {
        const key = lambda[1] as FunctionKey;
        handlers[name] = async (input) => (await invokeFunction(key, input)) as Json;
      } else if (resource.startsWith('arn:aws:states:::sqs:sendMessage')) {
        handlers[name] = sqsIntegration(resource.endsWith('.waitForTaskToken'), Number(state.TimeoutSeconds ?? 99_999_999));
      }
      const nested = [state.Iterator, state.ItemProcessor, ...((state.Branches as unknown[]) ?? [])] as (
        | { States?: Record<string, Record<string, unknown>> }
        | undefined
      )[];
      for (const child of nested) if (child?.States) visit(child.States);
    }
  };
  visit(asl.States as Record<string, Record<string, unknown>>);
  const definition = JSON.parse(
    JSON.stringify(asl).replace(/\$\{(\w+)\}/g, (match, key: string) => (key in lambdaFunctions ? functionArn(key) : (substitutions[key] ?? match))),
  );
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
export async function startStepFunctions(substitutions: Record<string, string>) {
  const machines = new Map(
    (Object.keys(stateMachines) as StateMachineKey[]).map((key) => {
      const { definition, handlers } = prepareDefinition(stateMachines[key].asl, substitutions);
      // Retries keep their counts but wait 50 ms locally instead of seconds.
      const retryIntervals = Object.fromEntries(
        Object.entries(definition.States as Record<string, { Retry?: unknown[] }>)
          .filter(([, state]) => state.Retry)
          .map(([name]) => [name, 50]),
      );
      return [stateMachineArn(key), { machine: new StateMachine(definition), handlers, retryIntervals, name: stateMachines[key].localName }];
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
        overrides: { taskResourceLocalHandlers: target.handlers, retryIntervalOverrides: target.retryIntervals },
        context: { Execution: { Id: executionArn, Name: name }, Task: { Token: `${executionArn}#${randomUUID()}` } } as never,
      });
      const execution: Execution & { abort: () => void } = {
        executionArn,
        stateMachineArn: arn,
        name,
        status: 'RUNNING',
        startDate: Date.now() / 1000,
        input,
        abort: run.abort,
        done: run.result
          .then(
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
          )
          .finally(() => {
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
    SendTaskSuccess(body) {
      const waiter = waiting.get(String(body.taskToken));
      if (!waiter) throw new AwsError('TaskDoesNotExist', 'Task does not exist anymore');
      waiting.delete(String(body.taskToken));
      waiter.resolve(JSON.parse(String(body.output ?? '{}')) as Json);
      return {};
    },
    SendTaskFailure(body) {
      const waiter = waiting.get(String(body.taskToken));
      if (!waiter) throw new AwsError('TaskDoesNotExist', 'Task does not exist anymore');
      waiting.delete(String(body.taskToken));
      waiter.reject(taskError(String(body.error ?? 'TaskFailed'), String(body.cause ?? '')));
      return {};
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
        // Aborting does not end a task that waits for its token (the ERP reply): its timers (900 s)
        // would keep the process alive after stop. Failing the wait lets the task state settle.
        for (const [token, waiter] of waiting) {
          if (!executions.has(token.slice(0, token.lastIndexOf('#')))) continue;
          waiting.delete(token);
          waiter.reject(taskError('States.Runtime', 'The local Step Functions endpoint stopped'));
        }
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
