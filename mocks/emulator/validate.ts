// Model-driven input checking: every operation's input is checked against the service model's
// shapes (JSON types, required members, lengths, patterns, enums, list sizes, ranges), so the
// emulator enforces each constraint the model declares without restating it by hand.
import * as errors from './errors';
import type { ServiceError } from './errors';
import { ValidationException, SerializationException } from './errors';
import cloudtrailModel from './model/cloudtrail.json';

interface ShapeRef {
  shape: string;
}
interface Shape {
  type: string;
  members?: Record<string, ShapeRef>;
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  required?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
}
interface Operation {
  input?: ShapeRef;
  output?: ShapeRef;
  errors?: ShapeRef[];
}
export interface ServiceModel {
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

const model = cloudtrailModel as unknown as ServiceModel;

/** Every operation of the control-plane model. */
export const MODEL_OPERATIONS: ReadonlySet<string> = new Set(Object.keys(model.operations));

/** True when the operation declares the named error. */
export function declaresError(operation: string, name: string): boolean {
  return model.operations[operation]?.errors?.some((ref) => ref.shape === name) ?? false;
}

// SEMANTICS.md §3: a constraint failure is reported with the most specific error the operation
// declares for the member at fault, else InvalidParameterException, else ValidationException.
const MEMBER_ERRORS: Record<string, string> = {
  MaxResults: 'InvalidMaxResultsException',
  MaxQueryResults: 'InvalidMaxResultsException',
  NextToken: 'InvalidNextTokenException',
  EventDataStore: 'EventDataStoreARNInvalidException',
  EventDataStoreArn: 'EventDataStoreARNInvalidException',
  Channel: 'ChannelARNInvalidException',
  ChannelArn: 'ChannelARNInvalidException',
  LookupAttributes: 'InvalidLookupAttributesException',
  EventCategory: 'InvalidEventCategoryException',
  AdvancedEventSelectors: 'InvalidEventSelectorsException',
  EventSelectors: 'InvalidEventSelectorsException',
  InsightSelectors: 'InvalidInsightSelectorsException',
  // Trail references and buckets (SEMANTICS.md §17.4 rules 1-2); only trail operations declare these.
  Name: 'InvalidTrailNameException',
  TrailName: 'InvalidTrailNameException',
  S3BucketName: 'InvalidS3BucketNameException',
  QueryStatus: 'InvalidQueryStatusException',
  TagsList: 'InvalidTagParameterException',
  Tags: 'InvalidTagParameterException',
  KmsKeyId: 'InvalidKmsKeyIdException',
  ResourcePolicy: 'ResourcePolicyNotValidException',
  ResourceArn: 'ResourceARNNotValidException',
};

type ErrorClass = new (message: string) => ServiceError;

function errorClass(name: string): ErrorClass {
  return (errors as unknown as Record<string, ErrorClass>)[name] ?? ValidationException;
}

/** The error an operation answers a constraint failure of `member` with. */
export function constraintError(operation: string, member: string | undefined, message: string): ServiceError {
  const specific = member === undefined ? undefined : MEMBER_ERRORS[member];
  if (specific !== undefined && declaresError(operation, specific)) return new (errorClass(specific))(message);
  if (declaresError(operation, 'InvalidParameterException')) return new errors.InvalidParameterException(message);
  return new ValidationException(message);
}

/** The largest epoch millisecond a JavaScript Date holds (±100,000,000 days). */
const MAX_DATE_MS = 8.64e15;

interface Violation {
  member: string;
  message: string;
}

const patterns = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let pattern = patterns.get(source);
  if (!pattern) {
    // Java's inline dot-all flag (QueryStatement's `(?s).*`) is a flag in JavaScript.
    pattern = source.startsWith('(?s)') ? new RegExp(source.slice(4), 's') : new RegExp(source);
    patterns.set(source, pattern);
  }
  return pattern;
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
}

class Checker {
  readonly violations: Violation[] = [];
  constructor(private readonly top: string) {}

  fail(path: string, value: unknown, constraint: string) {
    this.violations.push({
      member: this.top,
      message: `Value '${describe(value)}' at '${path}' failed to satisfy constraint: ${constraint}`,
    });
  }
}

function lowerFirst(name: string) {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

/** Converts a JSON value to the shape's type, recording constraint failures; throws on wrong JSON types. */
function convert(shapeName: string, value: unknown, path: string, checker: Checker): unknown {
  const shape = model.shapes[shapeName];
  if (!shape) return value;
  const wrongType = (expected: string) =>
    new SerializationException(`Expected ${expected} at '${path}' but found ${jsonType(value)}.`);
  switch (shape.type) {
    case 'structure': {
      if (jsonType(value) !== 'object') throw wrongType('an object');
      const input = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [member, ref] of Object.entries(shape.members ?? {})) {
        const memberValue = input[member];
        const memberPath = path === '' ? lowerFirst(member) : `${path}.${lowerFirst(member)}`;
        if (memberValue === undefined || memberValue === null) {
          if (shape.required?.includes(member)) checker.fail(memberPath, null, 'Member must not be null');
          continue;
        }
        out[member] = convert(ref.shape, memberValue, memberPath, checker);
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) throw wrongType('a list');
      if (shape.min !== undefined && value.length < shape.min)
        checker.fail(path, value, `Member must have length greater than or equal to ${String(shape.min)}`);
      if (shape.max !== undefined && value.length > shape.max)
        checker.fail(path, value, `Member must have length less than or equal to ${String(shape.max)}`);
      const member = shape.member?.shape ?? 'String';
      return value.map((item: unknown, index) => convert(member, item, `${path}.${String(index + 1)}.member`, checker));
    }
    case 'map': {
      if (jsonType(value) !== 'object') throw wrongType('a map');
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value as Record<string, unknown>))
        out[key] = convert(shape.value?.shape ?? 'String', item, `${path}.${key}`, checker);
      return out;
    }
    case 'string': {
      if (typeof value !== 'string') throw wrongType('a string');
      if (shape.min !== undefined && value.length < shape.min)
        checker.fail(path, value, `Member must have length greater than or equal to ${String(shape.min)}`);
      if (shape.max !== undefined && value.length > shape.max)
        checker.fail(path, value, `Member must have length less than or equal to ${String(shape.max)}`);
      if (shape.pattern !== undefined && !patternOf(shape.pattern).test(value))
        checker.fail(path, value, `Member must satisfy regular expression pattern: ${shape.pattern}`);
      if (shape.enum !== undefined && !shape.enum.includes(value))
        checker.fail(path, value, `Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
      return value;
    }
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType('an integer');
      if (shape.min !== undefined && value < shape.min)
        checker.fail(path, value, `Member must have value greater than or equal to ${String(shape.min)}`);
      if (shape.max !== undefined && value > shape.max)
        checker.fail(path, value, `Member must have value less than or equal to ${String(shape.max)}`);
      return value;
    }
    case 'double':
    case 'float':
      if (typeof value !== 'number') throw wrongType('a number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType('a boolean');
      return value;
    case 'timestamp': {
      // awsJson1_1 sends epoch seconds; some clients send ISO-8601 text.
      const time = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : NaN;
      if (Number.isNaN(time)) throw wrongType('a timestamp');
      // A number JavaScript cannot represent as a date (1e13 seconds, 1e309) cannot be converted,
      // as AWS's deserializer refuses it, rather than failing later.
      if (!Number.isFinite(time) || Math.abs(time) > MAX_DATE_MS)
        throw new SerializationException(`The value at '${path}' is outside the range of timestamps.`);
      return new Date(time);
    }
    case 'blob':
      if (typeof value !== 'string') throw wrongType('base64 text');
      return value;
    default:
      return value;
  }
}

/**
 * Checks `body` against the operation's input shape and returns it with timestamps as Dates and
 * unknown members dropped. Wrong JSON types throw SerializationException; the first constraint
 * failure, in the order of `memberOrder` (else the model's member order), throws the most specific
 * declared error.
 */
export function parseInput(operation: string, body: unknown, memberOrder: readonly string[] = []): unknown {
  const inputShape = model.operations[operation]?.input?.shape;
  if (inputShape === undefined) return {};
  if (jsonType(body) !== 'object') throw new SerializationException('The request body must be a JSON object.');
  const shape = model.shapes[inputShape];
  const out: Record<string, unknown> = {};
  const violations: Violation[] = [];
  for (const [member, ref] of Object.entries(shape?.members ?? {})) {
    const checker = new Checker(member);
    const value = (body as Record<string, unknown>)[member];
    if (value === undefined || value === null) {
      if (shape?.required?.includes(member)) checker.fail(lowerFirst(member), null, 'Member must not be null');
    } else {
      out[member] = convert(ref.shape, value, lowerFirst(member), checker);
    }
    violations.push(...checker.violations);
  }
  const rank = (member: string) => {
    const index = memberOrder.indexOf(member);
    return index === -1 ? memberOrder.length : index;
  };
  const first = violations
    .map((violation, index) => ({ violation, index }))
    .sort((a, b) => rank(a.violation.member) - rank(b.violation.member) || a.index - b.index)[0]?.violation;
  if (first) throw constraintError(operation, first.member, `1 validation error detected: ${first.message}`);
  return out;
}

/** The model's shape of an operation's output, for converting timestamps on the way out. */
export function outputShapeOf(operation: string): string | undefined {
  return model.operations[operation]?.output?.shape;
}

/** The body of an operation the model does not describe (emulator extensions): any JSON object. */
export function parseJsonObject(body: unknown): Record<string, unknown> {
  if (jsonType(body) !== 'object') throw new SerializationException('The request body must be a JSON object.');
  return body as Record<string, unknown>;
}
