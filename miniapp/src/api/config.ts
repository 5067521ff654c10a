/** Build-time constants; `process.env.*` here is replaced by Taro, there is no `process` at run time. */
export const isH5 = process.env.TARO_ENV === 'h5';

/**
 * The H5 build is served by the API's own origin, so it calls relative paths. The WeChat build
 * calls the configured host (TARO_APP_API_BASE at build time).
 */
export const apiBase: string = isH5 ? '' : process.env.TARO_APP_API_BASE || 'http://127.0.0.1:8787';
