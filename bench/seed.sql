-- Bulk seed for the benchmark (bench/run.sh runs it with psql; see docs/performance.md).
--
-- The large tenant and its Business Owner already exist (registered through the API, so its BO can sign in and
-- pipeline.members has its row). This script adds, with generate_series and set-based INSERTs only:
--   * the large tenant's other users (Salespeople);
--   * :others other tenants, each with :o_users users (the first a Business Owner), straight into identity.tenants /
--     identity.users with a dummy password hash (they never sign in), and the matching pipeline.members rows;
--   * for every tenant: leads, deals (5 per lead with the default sizes) spread evenly over the 7 stages, with
--     gap positions (1024, 2048, ... per (tenant, stage) column), a loss_reason on every Lost deal, and notes.
-- Rows of all tenants are interleaved on disk (ordered by row number, then tenant), as years of concurrent use would
-- leave them, so a tenant's board does not get the luck of a physically clustered table.
--
-- psql variables (all required): large_tenant, large_owner, users, leads, deals, notes,
--                                others, o_users, o_leads, o_deals, o_notes
-- Foreign keys are not checked while loading (session_replication_role = replica skips the FK triggers; the data is
-- consistent by construction, and the checks at the end prove the invariants the app relies on). Replica mode skips
-- the column-totals and report-totals triggers too (ADR 0019, 0026), so the totals are rebuilt from the deals once,
-- after the load.

\set ON_ERROR_STOP on
\timing on

SET temp_buffers = '1GB';
SET work_mem = '256MB';
SET maintenance_work_mem = '1GB';
SET session_replication_role = replica;
SELECT setseed(0.1124);

CREATE TEMP TABLE bench_words AS SELECT
  '{Ana,Bruno,Carla,Diego,Eduarda,Felipe,Gabriela,Henrique,Isabela,João,Karina,Lucas,Mariana,Nicolas,Olívia,Paulo,Queila,Rafael,Sofia,Thiago,Ursula,Vinícius,Wesley,Ximena,Yara,Zeca,Beatriz,Caio,Débora,Enzo,Fernanda,Gustavo,Helena,Igor,Júlia,Leonardo,Marcos,Natália,Otávio,Patrícia}'::text[] AS first_names,
  '{Silva,Santos,Oliveira,Souza,Rodrigues,Ferreira,Alves,Pereira,Lima,Gomes,Costa,Ribeiro,Martins,Carvalho,Almeida,Lopes,Soares,Fernandes,Vieira,Barbosa,Rocha,Dias,Nascimento,Andrade,Moreira,Nunes,Marques,Machado,Mendes,Freitas,Cardoso,Ramos,Gonçalves,Santana,Teixeira,Araújo,Pinto,Moura,Cavalcanti,Monteiro}'::text[] AS surnames,
  '{ana,bruno,carla,diego,eduarda,felipe,gabriela,henrique,isabela,joao,karina,lucas,mariana,nicolas,olivia,paulo,queila,rafael,sofia,thiago,ursula,vinicius,wesley,ximena,yara,zeca,beatriz,caio,debora,enzo,fernanda,gustavo,helena,igor,julia,leonardo,marcos,natalia,otavio,patricia}'::text[] AS first_ascii,
  '{silva,santos,oliveira,souza,rodrigues,ferreira,alves,pereira,lima,gomes,costa,ribeiro,martins,carvalho,almeida,lopes,soares,fernandes,vieira,barbosa,rocha,dias,nascimento,andrade,moreira,nunes,marques,machado,mendes,freitas,cardoso,ramos,goncalves,santana,teixeira,araujo,pinto,moura,cavalcanti,monteiro}'::text[] AS surnames_ascii,
  '{gmail.com,hotmail.com,outlook.com,yahoo.com.br,uol.com.br,terra.com.br,bol.com.br,icloud.com}'::text[] AS domains,
  '{Revisão completa,Troca de embreagem,Funilaria e pintura,Suspensão dianteira,Pastilhas e discos de freio,Injeção eletrônica,Ar-condicionado,Alinhamento e balanceamento,Troca de óleo e filtros,Retífica do motor,Correia dentada,Câmbio automático,Sistema elétrico,Polimento e vitrificação,Escapamento}'::text[] AS services,
  '{Gol,Onix,HB20,Corolla,Civic,Hilux,Strada,Kwid,Compass,Renegade,Polo,T-Cross,Creta,Argo,Saveiro,Ranger,S10,Tracker,Kicks,Sandero}'::text[] AS vehicles,
  '{Preço acima do orçamento do cliente,Cliente escolheu outra oficina,Sem resposta após três contatos,Cliente adiou o serviço,Peça indisponível no prazo,Veículo vendido pelo cliente}'::text[] AS loss_reasons,
  '{Cliente ligou pedindo o orçamento detalhado por e-mail.,Enviado orçamento revisado com desconto de 5% na mão de obra.,Veículo chega na segunda às 8h; confirmar peças com o fornecedor.,Cliente pediu fotos do serviço antes de aprovar.,Retornar na quinta: está comparando com a concessionária.,Peças encomendadas; previsão de entrega em três dias úteis.,Cliente aprovou por WhatsApp; aguardando sinal.,Reclamou do prazo da última visita: oferecer carro reserva.,Indicação do cliente anterior; atender com prioridade.,Diagnóstico feito: barulho vem da bandeja e não dos amortecedores.}'::text[] AS note_bodies;

-- Tenants: index 0 is the large tenant (registered through the API), 1..:others are the others.
CREATE TEMP TABLE bench_tenants (
  tidx int PRIMARY KEY, tenant_id bigint NOT NULL, n_users int NOT NULL, n_leads int NOT NULL, n_deals int NOT NULL, n_notes int NOT NULL);
INSERT INTO bench_tenants VALUES (0, :large_tenant, :users, :leads, :deals, :notes);
WITH t AS (
  INSERT INTO identity.tenants (name, created_at, updated_at)
  SELECT format('Oficina Bench %s', g), now() - interval '400 days', now() - interval '400 days'
  FROM generate_series(1, :others) g
  ORDER BY g
  RETURNING id)
INSERT INTO bench_tenants SELECT row_number() OVER (ORDER BY id), id, :o_users, :o_leads, :o_deals, :o_notes FROM t;
ANALYZE bench_tenants; -- temp tables get no autovacuum: without statistics the joins below plan as nested loops

-- Users: the large tenant's user 0 is the registered Business Owner; every other tenant's user 0 is its BO.
INSERT INTO identity.users (tenant_id, role_id, user_status_id, name, email, email_verified_at, password, created_at, updated_at)
SELECT t.tenant_id, CASE WHEN u = 0 THEN 1 ELSE 2 END, 1,
       w.first_names[1 + u % 40] || ' ' || w.surnames[1 + (u * 7 + t.tidx) % 40],
       format('user%s.t%s@bench.workshopcrm.test', u, t.tenant_id),
       now() - interval '390 days',
       'AQAAAAIAAYagAAAAEBENCHxNOTxAxREALxHASHxTHESExUSERSxNEVERxSIGNxIN==',
       now() - interval '390 days', now() - interval '390 days'
FROM bench_tenants t CROSS JOIN bench_words w
CROSS JOIN LATERAL generate_series(CASE WHEN t.tidx = 0 THEN 1 ELSE 0 END, t.n_users - 1) u
ORDER BY t.tidx, u;

INSERT INTO pipeline.members (user_id, tenant_id, name, email, role_id, is_active)
SELECT u.id, u.tenant_id, u.name, u.email, u.role_id, true
FROM identity.users u JOIN bench_tenants t ON t.tenant_id = u.tenant_id
WHERE NOT EXISTS (SELECT 1 FROM pipeline.members m WHERE m.user_id = u.id);

CREATE TEMP TABLE bench_users AS
SELECT t.tidx, (row_number() OVER (PARTITION BY t.tidx ORDER BY u.id) - 1)::int AS uidx, u.id AS user_id
FROM identity.users u JOIN bench_tenants t ON t.tenant_id = u.tenant_id;
ALTER TABLE bench_users ADD PRIMARY KEY (tidx, uidx);
ANALYZE bench_users;
SELECT 'large tenant BO is user 0' AS check, (SELECT user_id FROM bench_users WHERE tidx = 0 AND uidx = 0) = :large_owner AS ok;

-- Leads: explicit ids (the table is empty), interleaved over tenants. The first surname turns with the tenant (the
-- large one, tidx 0, is unchanged), so small tenants do not all share the first surnames of the list: with 50 leads
-- each they were 80 % "Silva", which no real table looks like and which made "silva" match 40,000 other tenants' rows.
CREATE TEMP TABLE bench_leads AS
SELECT t.tidx, t.tenant_id, i,
       (SELECT coalesce(max(id), 0) FROM pipeline.leads) + row_number() OVER (ORDER BY i, t.tidx) AS id,
       i % t.n_users AS uidx,
       now() - (random() * 365 + 20) * interval '1 day' AS created_at
FROM bench_tenants t CROSS JOIN LATERAL generate_series(0, t.n_leads - 1) i;
ALTER TABLE bench_leads ADD PRIMARY KEY (tidx, i);
ANALYZE bench_leads;

INSERT INTO pipeline.leads (id, tenant_id, user_id, name, email, phone, created_at, updated_at)
SELECT l.id, l.tenant_id, u.user_id,
       w.first_names[1 + l.i % 40] || ' ' || w.surnames[1 + (l.i / 40 + l.tidx) % 40] || ' ' || w.surnames[1 + (l.i * 17 + l.tidx) % 40],
       w.first_ascii[1 + l.i % 40] || '.' || w.surnames_ascii[1 + (l.i / 40 + l.tidx) % 40] || l.i || '@' || w.domains[1 + (l.i + l.tidx) % 8],
       format('+55 %s 9%s-%s', 11 + (l.i * 3 + l.tidx) % 89, lpad(((l.i * 7919 + l.tidx * 104729) % 10000)::text, 4, '0'),
              lpad(((l.i * 6007 + l.tidx * 31) % 10000)::text, 4, '0')),
       l.created_at, l.created_at
FROM bench_leads l CROSS JOIN bench_words w JOIN bench_users u ON u.tidx = l.tidx AND u.uidx = l.uidx
ORDER BY l.id;
SELECT setval(pg_get_serial_sequence('pipeline.leads', 'id'), (SELECT max(id) FROM pipeline.leads));

-- Deals: explicit ids, 7 columns per tenant filled evenly (deal i of a tenant is in stage i % 7 + 1 at position
-- i / 7 + 1 of that column, so sort_order = row_number() * 1024 within each (tenant, stage)), interleaved over tenants.
CREATE TEMP TABLE bench_deals AS
SELECT t.tidx, t.tenant_id, i,
       (SELECT coalesce(max(id), 0) FROM pipeline.deals) + row_number() OVER (ORDER BY i, t.tidx) AS id,
       i % t.n_leads AS lead_i,
       (i * 7 + i / 7) % t.n_users AS uidx,
       i % 7 + 1 AS stage,
       (i / 7 + 1) * 1024 AS sort_order,
       now() - (random() * 360 + 1) * interval '1 day' AS created_at,
       random() AS entered_fraction,
       round((150 + 29850 * random() ^ 3)::numeric, 2) AS value
FROM bench_tenants t CROSS JOIN LATERAL generate_series(0, t.n_deals - 1) i;
ALTER TABLE bench_deals ADD PRIMARY KEY (tidx, i);
ANALYZE bench_deals;

INSERT INTO pipeline.deals (id, tenant_id, lead_id, user_id, pipeline_stage_id, title, value, loss_reason, sort_order,
                            stage_entered_at, created_at, updated_at)
SELECT d.id, d.tenant_id, l.id, u.user_id, d.stage,
       w.services[1 + d.i % 15] || ' – ' || w.vehicles[1 + (d.i / 15) % 20] || ' ' || chr(65 + d.i % 26) || chr(65 + (d.i / 26) % 26)
         || chr(65 + (d.i / 676) % 26) || '-' || lpad((d.i % 10000)::text, 4, '0'),
       d.value,
       CASE WHEN d.stage = 7 THEN w.loss_reasons[1 + d.i % 6] END,
       d.sort_order,
       d.created_at + (now() - d.created_at) * d.entered_fraction,
       d.created_at,
       d.created_at + (now() - d.created_at) * d.entered_fraction
FROM bench_deals d CROSS JOIN bench_words w
JOIN bench_leads l ON l.tidx = d.tidx AND l.i = d.lead_i
JOIN bench_users u ON u.tidx = d.tidx AND u.uidx = d.uidx
ORDER BY d.id;
SELECT setval(pg_get_serial_sequence('pipeline.deals', 'id'), (SELECT max(id) FROM pipeline.deals));

-- Notes: spread over each tenant's deals (3 per deal with the default sizes), author the deal's owner or the BO.
INSERT INTO pipeline.deal_notes (tenant_id, deal_id, user_id, body, created_at, updated_at)
SELECT d.tenant_id, d.id, CASE WHEN j % 3 = 0 THEN bo.user_id ELSE u.user_id END,
       w.note_bodies[1 + (j * 7 + d.i) % 10],
       d.created_at + (j % 5 + 1) * interval '1 hour',
       d.created_at + (j % 5 + 1) * interval '1 hour'
FROM bench_tenants t CROSS JOIN bench_words w
CROSS JOIN LATERAL generate_series(0, t.n_notes - 1) j
JOIN bench_deals d ON d.tidx = t.tidx AND d.i = j % t.n_deals
JOIN bench_users u ON u.tidx = d.tidx AND u.uidx = d.uidx
JOIN bench_users bo ON bo.tidx = d.tidx AND bo.uidx = 0;

RESET session_replication_role;
SELECT pipeline.rebuild_stage_totals() AS column_totals_rebuilt;
SELECT pipeline.rebuild_report_totals() AS report_totals_rebuilt;

-- The invariants the app relies on, checked once (each must say ok = t).
SELECT 'column totals match the deals' AS check, NOT EXISTS (SELECT 1 FROM pipeline.stage_totals_drift()) AS ok;
SELECT 'report totals match the deals' AS check, NOT EXISTS (SELECT 1 FROM pipeline.report_totals_drift()) AS ok;
-- The invariants the app relies on, checked once (each must say ok = t).
SELECT 'no two cards share a position' AS check,
       NOT EXISTS (SELECT 1 FROM pipeline.deals GROUP BY tenant_id, pipeline_stage_id, sort_order HAVING count(*) > 1) AS ok;
SELECT 'every Lost deal has a reason' AS check,
       NOT EXISTS (SELECT 1 FROM pipeline.deals WHERE pipeline_stage_id = 7 AND coalesce(btrim(loss_reason), '') = '') AS ok;
SELECT 'deal and lead of one tenant' AS check,
       NOT EXISTS (SELECT 1 FROM pipeline.deals d JOIN pipeline.leads l ON l.id = d.lead_id WHERE l.tenant_id <> d.tenant_id) AS ok;
SELECT 'owners are members of the tenant' AS check,
       NOT EXISTS (SELECT 1 FROM pipeline.deals d JOIN pipeline.members m ON m.user_id = d.user_id WHERE m.tenant_id <> d.tenant_id) AS ok;

\timing off
