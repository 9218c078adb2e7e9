import pino from 'pino';

/** JSON logs to stdout, one line per event, so any log shipper can read them. */
export const log = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: process.env.VOC_SERVICE ?? 'voc' } });
