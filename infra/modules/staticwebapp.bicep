// The SPA on Azure Static Web Apps. The Function App is linked as its backend (staticwebappbackend.bicep): SWA proxies
// /api/* to it, so the browser calls the API same-origin. Linked backends need the Standard SKU.
// staticwebapp.config.json (repo root) is copied into the build output by azure.yaml's web prepackage hook.
param location string
param tags object
param name string

resource site 'Microsoft.Web/staticSites@2022-09-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    // Deployed by azd (SWA CLI with the deployment token), not from a linked repository.
    provider: 'Custom'
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostname
output uri string = 'https://${site.properties.defaultHostname}'
