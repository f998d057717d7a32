import {
  ANONYMOUS_OPERATION,
  errorCodeLabel,
  MAX_OPERATION_NAME_LENGTH,
  OperationLabels,
  OTHER_ERROR_CODE,
  OTHER_OPERATION,
  UNRESOLVED_OPERATION,
} from '../../src/observability/labels';

describe('metric label values', () => {
  it('admits operation names up to the cap, then counts new ones as <other>', () => {
    const labels = new OperationLabels(2);
    expect(labels.label('First', true)).toBe('First');
    expect(labels.label('Second', true)).toBe('Second');
    expect(labels.label('Third', true)).toBe(OTHER_OPERATION);
    expect(labels.label('First', true)).toBe('First');
  });

  it('gives anonymous, unresolved, over-long and non-GraphQL names fixed values', () => {
    const labels = new OperationLabels(10);
    expect(labels.label(null, true)).toBe(ANONYMOUS_OPERATION);
    expect(labels.label(undefined, true)).toBe(ANONYMOUS_OPERATION);
    expect(labels.label('Whatever', false)).toBe(UNRESOLVED_OPERATION);
    expect(labels.label('A'.repeat(MAX_OPERATION_NAME_LENGTH + 1), true)).toBe(OTHER_OPERATION);
    expect(labels.label('not a name', true)).toBe(OTHER_OPERATION);
  });

  it('keeps the codes the server issues and folds any other into OTHER', () => {
    expect(errorCodeLabel('NOT_FOUND')).toBe('NOT_FOUND');
    expect(errorCodeLabel('GRAPHQL_PARSE_FAILED')).toBe('GRAPHQL_PARSE_FAILED');
    expect(errorCodeLabel('INTERNAL_SERVER_ERROR')).toBe('INTERNAL_SERVER_ERROR');
    expect(errorCodeLabel('SOMETHING_A_RESOLVER_MADE_UP')).toBe(OTHER_ERROR_CODE);
    expect(errorCodeLabel(undefined)).toBe(OTHER_ERROR_CODE);
  });
});
