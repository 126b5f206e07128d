import { load } from 'cheerio';
import Fastify from 'fastify';
import { expect, test } from 'vitest';
import { sendErrorPage } from '../../../../src/http/routes/lifecycle/app-page.js';

test('the error page escapes every value, in text and in attributes', async () => {
  const hostile = `<script>alert(1)</script> & "quoted" 'single'`;
  const server = Fastify();
  server.get('/', (_request, reply) =>
    sendErrorPage(
      reply,
      { frameAncestors: [] },
      { status: 400, title: hostile, message: hostile, code: hostile },
    ),
  );
  try {
    const res = await server.inject({ method: 'GET', url: '/' });
    expect(res.body).not.toContain('<script>alert(1)</script>');
    const $ = load(res.body);
    expect($('script')).toHaveLength(0);
    expect($('title').text()).toBe(`Backorder — ${hostile}`);
    expect($('h1').text()).toBe(hostile);
    expect($('p.error').text()).toBe(hostile);
    expect($('main').attr('data-error-code')).toBe(hostile);
    expect($('code').text()).toBe(hostile);
  } finally {
    await server.close();
  }
});
