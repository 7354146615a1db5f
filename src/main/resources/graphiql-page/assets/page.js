// GraphiQL on this service's /graphql, and in the default profile on this machine a sign-in helper: choosing a
// demo user puts {"Authorization": "Bearer …"} into GraphiQL's Headers editor.
(function () {
  'use strict';

  var FIRST_QUERY = [
    '# 先在上方选择演示用户（或在 Headers 中填入令牌），再按 ▶ 运行。',
    '# Choose a demo user above (or put a token in Headers), then press ▶.',
    '{',
    '  about { version databaseMode schemaVersion }',
    '  streets(first: 5) {',
    '    edges { node { id name district communityCount } }',
    '    pageInfo { hasNextPage endCursor }',
    '  }',
    '}',
    ''
  ].join('\n');

  var container = document.getElementById('graphiql');
  var endpoint = new URL(container.dataset.endpoint, window.location.href).href;
  var base = GraphiQL.createFetcher({ url: endpoint });
  var authorization = {};
  var root = ReactDOM.createRoot(container);
  var headers = '';

  // The chosen user's token goes with every request when it is made, beneath whatever the Headers editor holds:
  // GraphiQL copies a new `headers` prop into its editor a moment later, and a query run in that moment (a quick
  // click, a slow machine) must not go out without it.
  function signedIn() {
    return function (params, options) {
      var opts = Object.assign({}, options);
      opts.headers = Object.assign({}, authorization, opts.headers);
      return base(params, opts);
    };
  }
  var fetcher = signedIn();

  function render() {
    // GraphiQL copies a changed `headers` prop into its Headers editor
    root.render(React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: FIRST_QUERY,
      headers: headers,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: 'headers'
    }));
  }

  function offerDemoUsers(tokens) {
    var select = document.getElementById('demo-user');
    var byName = {};
    tokens.forEach(function (token) {
      byName[token.name] = token.token;
      var option = document.createElement('option');
      option.value = token.name;
      option.textContent = token.name + ' · ' + token.label;
      select.appendChild(option);
    });
    select.addEventListener('change', function () {
      var token = byName[select.value];
      authorization = token ? { Authorization: 'Bearer ' + token } : {};
      headers = token ? JSON.stringify(authorization, null, 2) : '';
      // a new fetcher makes GraphiQL read the schema (its documentation) again, now signed in
      fetcher = signedIn();
      render();
    });
    document.getElementById('sign-in').hidden = false;
  }

  render();
  // 404 in prod, from another machine or behind a proxy: then the helper stays hidden
  fetch('/graphiql/demo-tokens', { headers: { Accept: 'application/json' } })
    .then(function (response) { return response.ok ? response.json() : []; })
    .then(function (tokens) { if (tokens.length > 0) { offerDemoUsers(tokens); } })
    .catch(function () { /* no helper */ });
}());
