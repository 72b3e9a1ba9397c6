/**
 * Travellers' medical records on AWS: the bucket their files live in, encrypted with the health-data
 * KMS key (SSE-KMS, with an S3 Bucket Key so S3 asks KMS once per bucket and period rather than per
 * object), private, TLS only, versioned, its accesses logged to a bucket of their own; the function
 * that checks every upload, invoked by the bucket's ObjectCreated notification; and the grants of
 * the functions that declare the `records` capability (functions/routes.ts), which get the bucket's
 * name and nothing else of it.
 *
 * The bucket's name is made from the stack, account and region rather than left to CloudFormation:
 * S3 checks that it may invoke the checker when the notification is set, so the bucket must come
 * after the permission, and the permission (and every grant) must name the bucket without
 * referring to it, or the template would be a cycle. It also spares the stack CDK's custom resource
 * for notifications, a function of its own with a managed policy.
 */

import { recordUploadChecker } from '@shifa/functions/consumers';
import type { Capability } from '@shifa/functions/routes';
import { CHECK_TAG, DOWNLOAD_EXPIRY_SECONDS, UPLOAD_EXPIRY_SECONDS } from '@shifa/records/policy';
import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { CfnPermission } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  HttpMethods,
  type IBucket,
} from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import type { ShifaFunction } from './function';
import type { LogSettings } from './stage';
import type { FunctionWiring } from './wiring';

/** Where every record's file is kept: under its owner (@shifa/domain's recordObjectKey). */
export const RECORDS_PREFIX = 'tourist/';

/** How long a replaced or deleted version stays recoverable before S3 removes it for good. */
export const NONCURRENT_VERSION_DAYS = 30;

/** An upload still tagged unchecked after this was never checked (the checker failed for good): it goes. */
export const UNCHECKED_UPLOAD_DAYS = 1;

/** What the records functions may do to the files, all under RECORDS_PREFIX. */
export const RECORD_OBJECT_ACTIONS = [
  's3:PutObject',
  's3:PutObjectTagging',
  's3:PutObjectVersionTagging',
  's3:GetObject',
  's3:GetObjectVersion',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
] as const;

/** What S3 asks KMS for on their behalf: a data key to store a file, Decrypt to read one. */
export const RECORD_KEY_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;

/** Enough for a dead letter to be read after a weekend; it names an object key, never a record's content. */
const DEAD_LETTER_RETENTION = Duration.days(14);

/** Lambda's own retries of a notification the checker failed on, before it goes to the dead-letter queue. */
export const CHECKER_RETRY_ATTEMPTS = 2;

/**
 * `<stack>-records-<account>-<region>`, lower case: unique, known before the bucket exists, and at
 * most S3's 63 characters for any region name up to 16.
 */
export function recordsBucketName(stackName: string): string {
  return `${bucketNamePrefix(stackName)}-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

function bucketNamePrefix(stackName: string): string {
  const prefix = `${stackName.toLowerCase()}-records`;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(prefix) || prefix.length > 63 - 1 - 12 - 1 - 16) {
    throw new Error(
      `the stack name ${stackName} is too long (or not letters, digits and dashes) to name the records bucket after it`,
    );
  }
  return prefix;
}

/** A Bucket as the IBucket that other constructs take (exactOptionalPropertyTypes; see web-hosting.ts). */
const asIBucket = (bucket: Bucket): IBucket => bucket as IBucket;

export interface RecordsProps {
  /** The marketplace stack's name, which the bucket's name is made from (the functions are told it). */
  readonly stackName: string;
  /** The customer-managed key that seals health data (sealing.ts): records are health data too. */
  readonly key: IKey;
  /** The web app's origins, which post upload forms to the bucket from the browser. */
  readonly corsOrigins: readonly string[];
  /** Keep the bucket and its logs when the stack goes; false only for throw-away stacks. */
  readonly retainData: boolean;
  readonly logs: LogSettings;
}

export class RecordsStorage extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;
  readonly bucketName: string;
  /** The bucket's ARN as a string made from its name, never a reference to the bucket (see above). */
  readonly bucketArn: string;
  private readonly key: IKey;
  private readonly stackName: string;
  private checkerFunction: ShifaFunction | undefined;
  private checkerDeadLetters: Queue | undefined;

  constructor(scope: Construct, id: string, props: RecordsProps) {
    super(scope, id);
    this.key = props.key;
    this.stackName = props.stackName;
    this.bucketName = recordsBucketName(props.stackName);
    this.bucketArn = `arn:${Aws.PARTITION}:s3:::${this.bucketName}`;
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    // S3 server access logs: who read, wrote or deleted which record, kept as long as every other log.
    // Their target cannot use SSE-KMS, so S3's own keys encrypt them; keys name owners and record ids only.
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      lifecycleRules: [{ expiration: Duration.days(props.logs.retention) }],
      removalPolicy,
      autoDeleteObjects: !props.retainData,
    });

    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: this.bucketName,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      versioned: true,
      serverAccessLogsBucket: asIBucket(this.accessLogs),
      serverAccessLogsPrefix: 'records/',
      // The browser posts the presigned form here, and may fetch a download link.
      cors: [
        {
          allowedMethods: [HttpMethods.POST, HttpMethods.GET],
          allowedOrigins: [...props.corsOrigins],
          allowedHeaders: ['*'],
          maxAge: Math.max(UPLOAD_EXPIRY_SECONDS, DOWNLOAD_EXPIRY_SECONDS),
        },
      ],
      lifecycleRules: [
        {
          id: 'versions',
          noncurrentVersionExpiration: Duration.days(NONCURRENT_VERSION_DAYS),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
          expiredObjectDeleteMarker: true,
        },
        {
          id: 'unchecked-uploads',
          prefix: RECORDS_PREFIX,
          tagFilters: { [CHECK_TAG.key]: CHECK_TAG.unchecked },
          expiration: Duration.days(UNCHECKED_UPLOAD_DAYS),
        },
      ],
      removalPolicy,
      autoDeleteObjects: !props.retainData,
    });
  }

  /** The bucket's name for a function that uses records; nothing for one that does not. */
  environmentFor(uses: readonly Capability[]): Record<string, string> {
    return uses.includes('records') ? { RECORDS_BUCKET: this.bucketName } : {};
  }

  /**
   * The files under RECORDS_PREFIX, listing their versions, and the key only through S3 for this
   * bucket (its encryption context with a Bucket Key is the bucket's ARN), for a function that uses records.
   */
  grantRecords(grantee: IGrantable, uses: readonly Capability[]): void {
    if (!uses.includes('records')) return;
    const principal = grantee.grantPrincipal;
    principal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [...RECORD_OBJECT_ACTIONS],
        resources: [`${this.bucketArn}/${RECORDS_PREFIX}*`],
      }),
    );
    // cdk-nag names the finding by the resource as the template spells it, pseudo parameters and all.
    const objects = `arn:<AWS::Partition>:s3:::${bucketNamePrefix(this.stackName)}-<AWS::AccountId>-<AWS::Region>/${RECORDS_PREFIX}*`;
    Validations.of(principal as unknown as IConstruct).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${objects}]`,
      reason:
        "Records are created at run time, one object per record under its owner's prefix, so no ARN can name them in advance; the grant covers the records prefix of this one bucket only, and every handler keys the objects by the caller's own id.",
    });
    principal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:ListBucketVersions'],
        resources: [this.bucketArn],
        conditions: { StringLike: { 's3:prefix': `${RECORDS_PREFIX}*` } },
      }),
    );
    principal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [...RECORD_KEY_ACTIONS],
        resources: [this.key.keyArn],
        conditions: {
          StringEquals: {
            'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com`,
            'kms:EncryptionContext:aws:s3:arn': this.bucketArn,
          },
        },
      }),
    );
  }

  /**
   * The function that checks each upload, invoked by the bucket. Made after the units, through the
   * same wiring, so it gets the bucket's name and grants by its declaration like any other.
   */
  addChecker(wiring: FunctionWiring): ShifaFunction {
    const checker = wiring.create(this, recordUploadChecker, recordUploadChecker.summary);
    const deadLetters = new Queue(this, 'CheckerDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DEAD_LETTER_RETENTION,
    });
    Validations.of(deadLetters).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the record upload checker; an alarm watches its depth, and an unchecked upload expires by the bucket lifecycle.',
    });
    checker.function.configureAsyncInvoke({
      retryAttempts: CHECKER_RETRY_ATTEMPTS,
      onFailure: new SqsDestination(deadLetters),
    });

    const invoke = new CfnPermission(this, 'CheckerInvokedByBucket', {
      action: 'lambda:InvokeFunction',
      functionName: checker.function.functionArn,
      principal: 's3.amazonaws.com',
      sourceArn: this.bucketArn,
      sourceAccount: Aws.ACCOUNT_ID,
    });
    const bucket = this.bucket.node.defaultChild as CfnBucket;
    bucket.notificationConfiguration = {
      lambdaConfigurations: [
        {
          event: 's3:ObjectCreated:*',
          function: checker.function.functionArn,
          filter: { s3Key: { rules: [{ name: 'prefix', value: RECORDS_PREFIX }] } },
        },
      ],
    };
    bucket.addResourceDependency(invoke);
    this.checkerFunction = checker;
    this.checkerDeadLetters = deadLetters;
    return checker;
  }

  get checker(): ShifaFunction {
    if (this.checkerFunction === undefined) throw new Error('the record upload checker is not made yet');
    return this.checkerFunction;
  }

  /** The dead-letter queue by what feeds it, for the stack's alarms. */
  get deadLetterQueues(): ReadonlyMap<string, Queue> {
    return new Map(this.checkerDeadLetters === undefined ? [] : [['recordChecks', this.checkerDeadLetters]]);
  }
}
