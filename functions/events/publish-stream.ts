/**
 * Invoked by the table's stream (an event source mapping with
 * ReportBatchItemFailures on AWS, the local stream poller in `npm start` and
 * tests): publishes the events of committed booking changes to the bus.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { lambdaHandler } from '@shifa/http';
import { captureClient } from '@shifa/runtime';
import { publisherSettings } from './config';
import { eventBridgePublisher, streamHandler } from './stream-publisher';

const config = publisherSettings();

const eventBridge = captureClient(
  new EventBridgeClient(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
);

export const handler = lambdaHandler(streamHandler(eventBridgePublisher(eventBridge, config.busName)));
