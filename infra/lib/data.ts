/**
 * The DynamoDB tables, built from the definitions in @shifa/store: the one
 * table and the idempotency records beside it, and the grants a function may
 * get on each.
 */
import type { TableAccess } from '@shifa/functions/routes';
import { IDEMPOTENCY_ACTIONS, IDEMPOTENCY_TABLE, INDEXES, TABLE, TABLE_ACTIONS } from '@shifa/store/table';
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

/** The grants, declared beside the table's definition (@shifa/store/table) for the local runtime too. */
export const READ_ACTIONS = TABLE_ACTIONS.read;
export const WRITE_ACTIONS = TABLE_ACTIONS.write;
export { IDEMPOTENCY_ACTIONS };

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
