// Links the Function App to the Static Web App as its backend (SWA proxies /api/* to it). Its own step, after both
// exist: the Function App's settings name the web app's address (links in messages), so neither can wait for the other.
param staticWebAppName string
param functionAppId string
param functionAppLocation string

resource site 'Microsoft.Web/staticSites@2022-09-01' existing = {
  name: staticWebAppName
}

resource backend 'Microsoft.Web/staticSites/linkedBackends@2022-09-01' = {
  parent: site
  name: 'api'
  properties: {
    backendResourceId: functionAppId
    region: functionAppLocation
  }
}
