/** v3 collection envelope: `{ data, meta: { pagination } }` with BigCommerce's links. */
export interface PaginationMeta {
  pagination: {
    total: number;
    count: number;
    per_page: number;
    current_page: number;
    total_pages: number;
    links: { previous?: string; current: string; next?: string };
  };
}

export function paginationMeta(total: number, count: number, page: number, limit: number): PaginationMeta {
  const totalPages = Math.max(1, Math.ceil(total / limit));
  const link = (p: number) => `?page=${p}&limit=${limit}`;
  return {
    pagination: {
      total,
      count,
      per_page: limit,
      current_page: page,
      total_pages: totalPages,
      links: {
        ...(page > 1 ? { previous: link(page - 1) } : {}),
        current: link(page),
        ...(page < totalPages ? { next: link(page + 1) } : {}),
      },
    },
  };
}

export function collection<T>(items: T[], total: number, page: number, limit: number) {
  return { data: items, meta: paginationMeta(total, items.length, page, limit) };
}
