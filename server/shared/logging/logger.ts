// Structured JSON logs through pino; one logger for the process, children per component.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'passerelle' } });
}
