/**
 * `npm start`'s LOG_LEVEL, in the environment before the shared logger is made: Powertools puts
 * every warm invocation back to the level its logger was made with, so a level set afterwards
 * holds for one request only. start.ts imports this first; LOG_LEVEL is checked there (local-config.ts).
 */
process.env.POWERTOOLS_LOG_LEVEL = process.env.LOG_LEVEL ?? 'WARN';
