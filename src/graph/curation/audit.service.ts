// Reading the audit trail: a keyset-paged list of the entries about an entity or a claim.
import { type CursorScope, DEFAULT_PAGE_SIZE, pageRequest, toPage } from '../../common/pagination';
import type { Context } from '../../context';
import { auditLog } from './audit.store';

export interface AuditLogRequest {
  entityId: string;
  first?: number | null;
  after?: string | null;
}

const AUDIT_CURSOR: CursorScope = { connection: 'Query.auditLog', order: 'AT:DESC', key: 'datetime' };

export class AuditService {
  constructor(private readonly ctx: Context) {}

  async auditLog(request: AuditLogRequest) {
    const page = pageRequest(
      { first: request.first ?? DEFAULT_PAGE_SIZE, after: request.after },
      AUDIT_CURSOR,
      this.ctx.config.maxPageSize,
    );
    const position = page.position;
    const rows = await auditLog(
      this.ctx.db,
      request.entityId,
      position === undefined ? undefined : { at: String(position.key), id: position.id },
      page.limit + 1,
    );
    const result = toPage(
      rows.map((row) => ({ ...row, sortKey: row.at })),
      page,
      AUDIT_CURSOR,
    );
    return {
      edges: result.edges.map(({ cursor, sortKey: _sortKey, ...node }) => ({ cursor, node })),
      pageInfo: result.pageInfo,
    };
  }
}
