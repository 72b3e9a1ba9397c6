/**
 * The DynamoDB tables, built from the definitions in @shifa/store: the one
 * table and the idempotency records beside it, and the grants a function may
 * get on each.
 */
import type { TableAccess } from '@shifa/functions/routes';
import { IDEMPOTENCY_TABLE, INDEXES, TABLE } from '@shifa/store/table';
import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  type GlobalSecondaryIndexPropsV2,
  ProjectionType,
  StreamViewType,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Item reads. TransactGetItems is authorised per item as GetItem; Scan is left out on purpose. */
export const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;

/**
 * Item writes. TransactWriteItems has no IAM action of its own: each Put, Update, Delete and
 * ConditionCheck inside it is authorised as the matching item action.
 */
export const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/**
 * What Powertools Idempotency does to its records: read one, claim it with a condition,
 * store the response, free the key after an unexpected failure. Nothing else.
 */
export const IDEMPOTENCY_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;

export interface DataProps {
  /**
   * Protect the table from deletion and keep it when the stack goes. Turn off only for
   * throw-away development stacks.
   */
  readonly retainData: boolean;
}

export class Data extends Construct {
  readonly table: TableV2;
  readonly idempotencyTable: TableV2;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);

    const globalSecondaryIndexes: GlobalSecondaryIndexPropsV2[] = INDEXES.map((index) => ({
      indexName: index.indexName,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: index.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    }));

    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes,
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.retainData,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      dynamoStream: StreamViewType[TABLE.stream],
      timeToLiveAttribute: TABLE.ttlAttribute,
    });

    // Apart from the main table: its records expire on their own clock, never reach the stream and
    // so never the event bus, and its grants stay separate from the business data.
    this.idempotencyTable = new TableV2(this, 'IdempotencyTable', {
      partitionKey: { name: IDEMPOTENCY_TABLE.partitionKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.retainData,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      timeToLiveAttribute: IDEMPOTENCY_TABLE.ttlAttribute,
    });
  }

  /**
   * Grants exactly what a route's table access allows. Index ARNs are named one by one
   * (not `index/*`) so a new index is never readable by accident.
   */
  grantAccess(grantee: IGrantable, access: TableAccess): void {
    if (access === 'none') return;
    const tableArn = this.table.tableArn;
    Grant.addToPrincipal({ grantee, actions: [...READ_ACTIONS], resourceArns: [tableArn] });
    Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:Query'],
      resourceArns: INDEXES.map((index) => `${tableArn}/index/${index.indexName}`),
    });
    if (access === 'write') {
      Grant.addToPrincipal({ grantee, actions: [...WRITE_ACTIONS], resourceArns: [tableArn] });
    }
  }

  /** Exactly the item actions Powertools Idempotency performs, on the idempotency table alone. */
  grantIdempotency(grantee: IGrantable): void {
    Grant.addToPrincipal({
      grantee,
      actions: [...IDEMPOTENCY_ACTIONS],
      resourceArns: [this.idempotencyTable.tableArn],
    });
  }
}
