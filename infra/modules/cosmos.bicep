// Cosmos DB (serverless, SQL API): database `medspa` with the app's containers. The containers (name, partition key
// path, sort paths → composite indexes, unique keys, default TTL) are declared once, in infra/cosmos-containers.json;
// the app embeds the same file (MedSpa.Infrastructure CosmosContainers). All are partitioned on /pk: the store writes the
// partition key into `pk` (tenant id, `{tenant}:{date}` for `schedule`, the normalized email for `directory`).
// The containers and their composite indexes are created here, not by the app: with Entra ID (RBAC) auth the
// data plane may not create or change databases and containers.
param location string
param tags object
param accountName string
param databaseName string = 'medspa'
@description('Principal id of the Function App managed identity (gets Cosmos DB Built-in Data Contributor).')
param principalId string
@description('Optional: a user or group given the same data role, for debugging. Empty: none.')
param developerPrincipalId string = ''
@description('Turn off key (primary/secondary key) auth so that only Entra ID identities get in.')
param disableLocalAuth bool = true

var containers = loadJsonContent('../cosmos-containers.json').containers

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    capabilities: [{ name: 'EnableServerless' }]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [
      { locationName: location, failoverPriority: 0, isZoneRedundant: false }
    ]
    disableLocalAuth: disableLocalAuth
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: { id: databaseName }
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [for c in containers: {
  parent: database
  name: c.name
  properties: {
    resource: {
      id: c.name
      partitionKey: { paths: [c.partitionKeyPath], kind: 'Hash', version: 2 }
      indexingPolicy: {
        automatic: true
        indexingMode: 'consistent'
        includedPaths: [{ path: '/*' }]
        excludedPaths: [{ path: '/"_etag"/?' }]
        // "ORDER BY c.<path>, c.id" in either direction needs a composite index per direction.
        compositeIndexes: flatten(map(c.sortPaths, path => [
          [
            { path: '/${replace(path, '.', '/')}', order: 'ascending' }
            { path: '/id', order: 'ascending' }
          ]
          [
            { path: '/${replace(path, '.', '/')}', order: 'descending' }
            { path: '/id', order: 'descending' }
          ]
        ]))
      }
      uniqueKeyPolicy: { uniqueKeys: map(c.uniqueKeys, k => { paths: k.paths }) }
      // null: no time-to-live (the property is left out rather than sent as null).
      ...(c.defaultTtl == null ? {} : { defaultTtl: c.defaultTtl })
    }
  }
}]

// Cosmos DB Built-in Data Contributor: read/write items and read metadata, no control-plane changes.
var dataContributorRoleId = '${account.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'

resource appDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, principalId, 'data-contributor')
  properties: {
    roleDefinitionId: dataContributorRoleId
    principalId: principalId
    scope: account.id
  }
}

resource developerDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = if (!empty(developerPrincipalId)) {
  parent: account
  name: guid(account.id, developerPrincipalId, 'data-contributor')
  properties: {
    roleDefinitionId: dataContributorRoleId
    principalId: developerPrincipalId
    scope: account.id
  }
}

output accountName string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
