// What the database did for the app while being watched: each command's collection and time. The benchmark reports
// each request's database share from it, and tests check that a request on a hot path reads no growing collection.
import type { CommandFailedEvent, CommandStartedEvent, CommandSucceededEvent } from 'mongodb';
import mongoose from 'mongoose';

export interface WatchedCommand {
  name: string;
  /** The collection it ran on, when it names one. */
  collection: string | undefined;
  /** The query filter of a find, when it had one. */
  filter: Record<string, unknown> | undefined;
  ms: number;
}

export interface CommandWatch {
  /** The commands finished since the watch began (or since the last `reset`). */
  readonly commands: readonly WatchedCommand[];
  /** Their time added up, in milliseconds. */
  totalMs(): number;
  reset(): void;
  stop(): void;
}

/** Watches the commands the app's connection sends, until stop(); it must have been opened with `monitorCommands`. */
export function watchCommands(): CommandWatch {
  const client = mongoose.connection.getClient();
  if (!client.options.monitorCommands) throw new Error('the connection was opened without monitorCommands');
  const started = new Map<number, { name: string; collection: string | undefined; filter: unknown }>();
  let commands: WatchedCommand[] = [];
  const onStarted = (event: CommandStartedEvent) => {
    const collection = event.command[event.commandName] as unknown;
    started.set(event.requestId, {
      name: event.commandName,
      collection: typeof collection === 'string' ? collection : undefined,
      filter: event.command.filter as unknown,
    });
  };
  const onFinished = (event: CommandSucceededEvent | CommandFailedEvent) => {
    const begun = started.get(event.requestId);
    started.delete(event.requestId);
    commands.push({
      name: event.commandName,
      collection: begun?.collection,
      filter: begun?.filter as Record<string, unknown> | undefined,
      ms: event.duration,
    });
  };
  client.on('commandStarted', onStarted);
  client.on('commandSucceeded', onFinished);
  client.on('commandFailed', onFinished);
  return {
    get commands() {
      return commands;
    },
    totalMs: () => commands.reduce((sum, c) => sum + c.ms, 0),
    reset: () => {
      commands = [];
    },
    stop: () => {
      client.off('commandStarted', onStarted);
      client.off('commandSucceeded', onFinished);
      client.off('commandFailed', onFinished);
    },
  };
}
