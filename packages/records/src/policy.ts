/**
 * The records bucket's rules that the functions and the CDK app must agree on, free of the AWS SDK so
 * the CDK app can read them: how long forms and links last, and the tag that marks an unchecked upload.
 */

/** How long a presigned upload form is good for: long enough to pick and send a file, short enough not to be shared. */
export const UPLOAD_EXPIRY_SECONDS = 10 * 60;
/** How long a download link works: the browser follows it at once. */
export const DOWNLOAD_EXPIRY_SECONDS = 5 * 60;

/**
 * The tag every upload arrives with (a condition of its form): the bucket's lifecycle expires an
 * object still tagged unchecked after a day, so an upload the verifier never got to does not stay.
 * The verifier retags what it accepts.
 */
export const CHECK_TAG = { key: 'record-check', unchecked: 'unchecked', passed: 'passed' } as const;
