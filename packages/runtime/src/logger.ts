/**
 * The structured JSON logger every function shares. It logs request metadata
 * and error codes only: never bodies, query values, names or health data.
 * Every line also carries the invocation's correlation keys (invocation.ts):
 * the booking and the request that started its story, so one booking can be
 * followed across the functions its changes reach.
 */
import { LogFormatter, Logger, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { correlationKeys } from './invocation';
import { SERVICE_NAME } from './metric-names';

/**
 * Powertools' standard JSON keys, then the correlation keys of the part of the invocation the line
 * is logged in (kept in async context, so lines of invocations running at once never mix), then the
 * line's own attributes, which win over both.
 */
class CorrelatedLogFormatter extends LogFormatter {
  override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const context = attributes.lambdaContext;
    return new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: attributes.message,
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        cold_start: context?.coldStart,
        function_arn: context?.invokedFunctionArn,
        function_memory_size: context?.memoryLimitInMB,
        function_name: context?.functionName,
        function_request_id: context?.awsRequestId,
        sampling_rate: attributes.sampleRateValue,
        xray_trace_id: attributes.xRayTraceId,
      },
    }).addAttributes({ ...correlationKeys(), ...additional });
  }
}

export const logger = new Logger({ serviceName: SERVICE_NAME, logFormatter: new CorrelatedLogFormatter() });
