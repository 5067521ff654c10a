// Tests call handlers in-process: without this every request would print a Powertools JSON record
// and every counted business event an EMF record. LIANXIN_TEST_VERBOSE=1 shows the logs; a test
// that inspects the records turns its logger up itself (test/unit/observability.test.ts).
process.env.POWERTOOLS_LOG_LEVEL ??= process.env.LIANXIN_TEST_VERBOSE ? 'DEBUG' : 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
