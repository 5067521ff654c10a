/**
 * DEV ONLY, imported first by local/start.ts so it runs before any function module creates its
 * Powertools logger: the functions' JSON log records print as indented JSON (POWERTOOLS_DEV), and
 * the embedded-metric records, which only CloudWatch reads, stay off the terminal. Values already
 * in the environment win, so `POWERTOOLS_METRICS_DISABLED=false npm start` shows the metrics.
 */
const defaults: Record<string, string> = {
  POWERTOOLS_DEV: 'true',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_SERVICE_NAME: 'lianxin-local',
};
for (const [k, v] of Object.entries(defaults)) process.env[k] ??= v;
