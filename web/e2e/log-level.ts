/**
 * The throw-away stack's log level (LOG_LEVEL, default SILENT), in the environment before the shared
 * logger is made: Powertools puts every warm invocation back to the level its logger was made with.
 * stack.ts imports this first.
 */
process.env.POWERTOOLS_LOG_LEVEL = process.env.LOG_LEVEL ?? 'SILENT';
