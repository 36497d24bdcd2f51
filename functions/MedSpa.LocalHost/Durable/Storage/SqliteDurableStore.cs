using System.Text;
using System.Text.Json;
using MedSpa.LocalHost.Durable.History;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask;

namespace MedSpa.LocalHost.Durable.Storage;

/// <summary>
/// The durable state of every orchestration in one SQLite file (WAL mode): instances, their histories, an inbox of
/// messages (timers are inbox rows that become visible at their fire time) and the activities waiting to run.
/// One connection guarded by a lock: SQLite allows one writer anyway, and a single connection keeps prepared
/// statements warm and avoids SQLITE_BUSY between the engine and the client.
/// </summary>
public sealed class SqliteDurableStore : IDisposable
{
    readonly object gate = new();
    readonly string path;
    readonly Dictionary<string, SqliteCommand> statements = new();
    SqliteConnection? connection;
    SqliteTransaction? currentTransaction;

    public SqliteDurableStore(LocalDurableOptions options) => path = options.DatabasePath;

    SqliteConnection Connection
    {
        get
        {
            if (connection is not null)
            {
                return connection;
            }

            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            // Pooling off: disposing the store must release the file (a restarted engine reopens it).
            connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            connection.Open();
            Execute("""
                PRAGMA journal_mode=WAL;
                PRAGMA synchronous=NORMAL;
                PRAGMA busy_timeout=5000;
                CREATE TABLE IF NOT EXISTS instances(
                  instance_id TEXT PRIMARY KEY, name TEXT NOT NULL, status INTEGER NOT NULL, generation INTEGER NOT NULL,
                  input TEXT, output TEXT, custom_status TEXT, failure TEXT,
                  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
                  parent_instance_id TEXT, parent_name TEXT, parent_task_id INTEGER NOT NULL, parent_generation INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS history(
                  instance_id TEXT NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL, PRIMARY KEY(instance_id, seq)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS inbox(
                  id INTEGER PRIMARY KEY AUTOINCREMENT, instance_id TEXT NOT NULL, visible_at INTEGER NOT NULL, event TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS ix_inbox_visible ON inbox(visible_at, id);
                CREATE INDEX IF NOT EXISTS ix_inbox_instance ON inbox(instance_id);
                CREATE TABLE IF NOT EXISTS activities(
                  id INTEGER PRIMARY KEY AUTOINCREMENT, instance_id TEXT NOT NULL, generation INTEGER NOT NULL,
                  task_id INTEGER NOT NULL, name TEXT NOT NULL, input TEXT);
                CREATE INDEX IF NOT EXISTS ix_activities_instance ON activities(instance_id);
                """);
            return connection;
        }
    }

    // ---- client side -------------------------------------------------------------------------------------------

    /// <summary>Creates a Pending instance and its ExecutionStarted message. False when a live instance has that id.</summary>
    public bool TryCreateInstance(string instanceId, string name, string? input, DateTime now, DateTime visibleAt)
    {
        lock (gate)
        {
            using var tx = BeginTransaction();
            InstanceRecord? existing = ReadInstance(instanceId);
            if (existing is { IsTerminal: false })
            {
                return false;
            }

            if (existing is not null)
            {
                DeleteInstanceData(instanceId, includeRow: true);
            }

            var record = new InstanceRecord(instanceId, name, OrchestrationRuntimeStatus.Pending, 0, input, null, null, null, now, now, null, null, -1, 0);
            InsertInstance(record);
            InsertMessage(instanceId, visibleAt, new HistoryEvent { Kind = HistoryEventKind.ExecutionStarted, Timestamp = now, Name = name, Data = input, Generation = 0 });
            tx.Commit();
            return true;
        }
    }

    /// <summary>Queues a message for a live instance; silently dropped for unknown or finished ones (D.10).</summary>
    public bool TryEnqueueForLiveInstance(string instanceId, HistoryEvent message, DateTime visibleAt)
    {
        lock (gate)
        {
            InstanceRecord? existing = ReadInstance(instanceId);
            if (existing is null || existing.IsTerminal)
            {
                return false;
            }

            InsertMessage(instanceId, visibleAt, message);
            return true;
        }
    }

    public InstanceRecord? GetInstance(string instanceId)
    {
        lock (gate)
        {
            return ReadInstance(instanceId);
        }
    }

    public int CountHistory(string instanceId)
    {
        lock (gate)
        {
            var cmd = Prepare("SELECT COUNT(*) FROM history WHERE instance_id=$id", "$id");
            cmd.Parameters[0].Value = instanceId;
            return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Deletes a finished instance and everything about it. Returns false for a live or unknown instance.</summary>
    public bool Purge(string instanceId)
    {
        lock (gate)
        {
            InstanceRecord? existing = ReadInstance(instanceId);
            if (existing is null || !existing.IsTerminal)
            {
                return false;
            }

            using var tx = BeginTransaction();
            DeleteInstanceData(instanceId, includeRow: true);
            tx.Commit();
            return true;
        }
    }

    /// <summary>One page of instances ordered by id; the continuation token is the last id returned.</summary>
    public (List<InstanceRecord> Page, string? Next) Query(OrchestrationQuery query, string? after)
    {
        var sql = new StringBuilder("SELECT * FROM instances WHERE 1=1");
        using var cmd = new SqliteCommand { Connection = null };
        if (after is not null)
        {
            sql.Append(" AND instance_id > $after");
            cmd.Parameters.AddWithValue("$after", after);
        }

        if (query.CreatedFrom is { } from)
        {
            sql.Append(" AND created_at >= $from");
            cmd.Parameters.AddWithValue("$from", from.UtcTicks);
        }

        if (query.CreatedTo is { } to)
        {
            sql.Append(" AND created_at <= $to");
            cmd.Parameters.AddWithValue("$to", to.UtcTicks);
        }

        if (query.Statuses?.ToList() is { Count: > 0 } statuses)
        {
            sql.Append(" AND status IN (").Append(string.Join(',', statuses.Select(s => (int)s))).Append(')');
        }

        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            sql.Append(" AND substr(instance_id, 1, $plen) = $prefix");
            cmd.Parameters.AddWithValue("$plen", query.InstanceIdPrefix.Length);
            cmd.Parameters.AddWithValue("$prefix", query.InstanceIdPrefix);
        }

        int size = query.PageSize > 0 ? query.PageSize : OrchestrationQuery.DefaultPageSize;
        sql.Append(" ORDER BY instance_id LIMIT ").Append(size + 1);
        lock (gate)
        {
            cmd.Connection = Connection;
            cmd.CommandText = sql.ToString();
            var rows = new List<InstanceRecord>();
            using (var reader = cmd.ExecuteReader())
            {
                while (reader.Read())
                {
                    rows.Add(ReadInstanceRow(reader));
                }
            }

            if (rows.Count <= size)
            {
                return (rows, null);
            }

            rows.RemoveAt(size);
            return (rows, rows[^1].InstanceId);
        }
    }

    // ---- engine side -------------------------------------------------------------------------------------------

    /// <summary>Visible inbox messages, oldest first.</summary>
    public List<InboxMessage> FetchVisibleMessages(DateTime now, int max)
    {
        lock (gate)
        {
            var cmd = Prepare("SELECT id, instance_id, event FROM inbox WHERE visible_at <= $now ORDER BY id LIMIT $max", "$now", "$max");
            cmd.Parameters[0].Value = now.Ticks;
            cmd.Parameters[1].Value = max;
            var list = new List<InboxMessage>();
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                list.Add(new InboxMessage(reader.GetInt64(0), reader.GetString(1), ParseEvent(reader.GetString(2))));
            }

            return list;
        }
    }

    public List<HistoryEvent> LoadHistory(string instanceId)
    {
        lock (gate)
        {
            var cmd = Prepare("SELECT event FROM history WHERE instance_id=$id ORDER BY seq", "$id");
            cmd.Parameters[0].Value = instanceId;
            var list = new List<HistoryEvent>();
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                list.Add(ParseEvent(reader.GetString(0)));
            }

            return list;
        }
    }

    public List<ActivityWorkItem> LoadPendingActivities()
    {
        lock (gate)
        {
            using var cmd = Connection.CreateCommand();
            cmd.CommandText = "SELECT id, instance_id, generation, task_id, name, input FROM activities ORDER BY id";
            var list = new List<ActivityWorkItem>();
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                list.Add(new ActivityWorkItem(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
            }

            return list;
        }
    }

    /// <summary>Records activity results: each deletes its activity row and queues the result for its instance.</summary>
    public void CompleteActivities(IReadOnlyList<(ActivityWorkItem Item, HistoryEvent Result)> results, DateTime now)
    {
        if (results.Count == 0)
        {
            return;
        }

        lock (gate)
        {
            using var tx = BeginTransaction();
            var delete = Prepare("DELETE FROM activities WHERE id=$id", "$id");
            foreach (var (item, result) in results)
            {
                delete.Parameters[0].Value = item.Id;
                if (delete.ExecuteNonQuery() > 0)
                {
                    // Only when the row was still there: a terminated or purged instance needs no answer.
                    InsertMessage(item.InstanceId, now, result);
                }
            }

            tx.Commit();
        }
    }

    /// <summary>Writes a batch of episodes in one transaction; new activity rows get their ids filled in.</summary>
    public List<ActivityWorkItem> Commit(IReadOnlyList<EpisodeCommit> episodes, DateTime now)
    {
        var scheduled = new List<ActivityWorkItem>();
        lock (gate)
        {
            using var tx = BeginTransaction();
            var deleteMessage = Prepare("DELETE FROM inbox WHERE id=$id", "$id");
            var insertHistory = Prepare("INSERT INTO history(instance_id, seq, event) VALUES($id, $seq, $event)", "$id", "$seq", "$event");
            var updateInstance = Prepare(
                "UPDATE instances SET status=$status, generation=$gen, input=$input, output=$output, custom_status=$custom, failure=$failure, updated_at=$now WHERE instance_id=$id",
                "$status", "$gen", "$input", "$output", "$custom", "$failure", "$now", "$id");
            var insertActivity = Prepare(
                "INSERT INTO activities(instance_id, generation, task_id, name, input) VALUES($id, $gen, $task, $name, $input) RETURNING id",
                "$id", "$gen", "$task", "$name", "$input");
            foreach (EpisodeCommit episode in episodes)
            {
                foreach (long id in episode.ConsumedMessageIds)
                {
                    deleteMessage.Parameters[0].Value = id;
                    deleteMessage.ExecuteNonQuery();
                }

                if (episode.DiscardOnly)
                {
                    continue;
                }

                if (episode.ResetHistory)
                {
                    DeleteRows("DELETE FROM history WHERE instance_id=$id", episode.InstanceId);
                }

                if (episode.DropActivities)
                {
                    DeleteRows("DELETE FROM activities WHERE instance_id=$id", episode.InstanceId);
                }

                int seq = episode.HistoryStart;
                foreach (HistoryEvent e in episode.NewHistory)
                {
                    insertHistory.Parameters[0].Value = episode.InstanceId;
                    insertHistory.Parameters[1].Value = seq++;
                    insertHistory.Parameters[2].Value = JsonSerializer.Serialize(e, DurableJson.HistoryOptions);
                    insertHistory.ExecuteNonQuery();
                }

                updateInstance.Parameters[0].Value = (int)episode.Status;
                updateInstance.Parameters[1].Value = episode.Generation;
                updateInstance.Parameters[2].Value = (object?)episode.Input ?? DBNull.Value;
                updateInstance.Parameters[3].Value = (object?)episode.Output ?? DBNull.Value;
                updateInstance.Parameters[4].Value = (object?)episode.CustomStatus ?? DBNull.Value;
                updateInstance.Parameters[5].Value = episode.Failure is null ? DBNull.Value : JsonSerializer.Serialize(episode.Failure, DurableJson.HistoryOptions);
                updateInstance.Parameters[6].Value = now.Ticks;
                updateInstance.Parameters[7].Value = episode.InstanceId;
                updateInstance.ExecuteNonQuery();

                foreach (ActivityWorkItem a in episode.Activities)
                {
                    insertActivity.Parameters[0].Value = a.InstanceId;
                    insertActivity.Parameters[1].Value = a.Generation;
                    insertActivity.Parameters[2].Value = a.TaskId;
                    insertActivity.Parameters[3].Value = a.Name;
                    insertActivity.Parameters[4].Value = (object?)a.Input ?? DBNull.Value;
                    long id = (long)insertActivity.ExecuteScalar()!;
                    scheduled.Add(a with { Id = id });
                }

                foreach (InstanceRecord child in episode.NewInstances)
                {
                    InstanceRecord? existing = ReadInstance(child.InstanceId);
                    if (existing is not null)
                    {
                        // Re-using a child id restarts it, as a new orchestration with that id would.
                        DeleteInstanceData(child.InstanceId, includeRow: true);
                    }

                    InsertInstance(child);
                }

                foreach (var (target, visibleAt, message) in episode.Messages)
                {
                    InsertMessage(target, visibleAt, message);
                }
            }

            tx.Commit();
        }

        return scheduled;
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (SqliteCommand cmd in statements.Values)
            {
                cmd.Dispose();
            }

            statements.Clear();
            connection?.Dispose();
            connection = null;
        }
    }

    // ---- helpers (caller holds the lock) -----------------------------------------------------------------------

    SqliteCommand Prepare(string sql, params string[] parameterNames)
    {
        // A small cache of prepared statements: the hot paths run the same few statements thousands of times.
        if (!statements.TryGetValue(sql, out SqliteCommand? cmd))
        {
            cmd = Connection.CreateCommand();
            cmd.CommandText = sql;
            foreach (string name in parameterNames)
            {
                cmd.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
            }

            cmd.Prepare();
            statements[sql] = cmd;
        }

        // Microsoft.Data.Sqlite requires commands to name the connection's open transaction.
        cmd.Transaction = currentTransaction;
        return cmd;
    }

    StoreTransaction BeginTransaction()
    {
        currentTransaction = Connection.BeginTransaction();
        return new StoreTransaction(this);
    }

    sealed class StoreTransaction(SqliteDurableStore store) : IDisposable
    {
        public void Commit() => store.currentTransaction!.Commit();

        public void Dispose()
        {
            store.currentTransaction?.Dispose();
            store.currentTransaction = null;
        }
    }

    void Execute(string sql)
    {
        using var cmd = connection!.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    void DeleteRows(string sql, string instanceId)
    {
        var cmd = Prepare(sql, "$id");
        cmd.Parameters[0].Value = instanceId;
        cmd.ExecuteNonQuery();
    }

    void DeleteInstanceData(string instanceId, bool includeRow)
    {
        DeleteRows("DELETE FROM history WHERE instance_id=$id", instanceId);
        DeleteRows("DELETE FROM inbox WHERE instance_id=$id", instanceId);
        DeleteRows("DELETE FROM activities WHERE instance_id=$id", instanceId);
        if (includeRow)
        {
            DeleteRows("DELETE FROM instances WHERE instance_id=$id", instanceId);
        }
    }

    void InsertMessage(string instanceId, DateTime visibleAt, HistoryEvent message)
    {
        var cmd = Prepare("INSERT INTO inbox(instance_id, visible_at, event) VALUES($id, $visible, $event)", "$id", "$visible", "$event");
        cmd.Parameters[0].Value = instanceId;
        cmd.Parameters[1].Value = visibleAt.Ticks;
        cmd.Parameters[2].Value = JsonSerializer.Serialize(message, DurableJson.HistoryOptions);
        cmd.ExecuteNonQuery();
    }

    void InsertInstance(InstanceRecord r)
    {
        var cmd = Prepare(
            "INSERT INTO instances(instance_id, name, status, generation, input, output, custom_status, failure, created_at, updated_at, parent_instance_id, parent_name, parent_task_id, parent_generation) " +
            "VALUES($id, $name, $status, $gen, $input, NULL, NULL, NULL, $created, $created, $pid, $pname, $ptask, $pgen)",
            "$id", "$name", "$status", "$gen", "$input", "$created", "$pid", "$pname", "$ptask", "$pgen");
        cmd.Parameters[0].Value = r.InstanceId;
        cmd.Parameters[1].Value = r.Name;
        cmd.Parameters[2].Value = (int)r.Status;
        cmd.Parameters[3].Value = r.Generation;
        cmd.Parameters[4].Value = (object?)r.Input ?? DBNull.Value;
        cmd.Parameters[5].Value = r.CreatedAt.Ticks;
        cmd.Parameters[6].Value = (object?)r.ParentInstanceId ?? DBNull.Value;
        cmd.Parameters[7].Value = (object?)r.ParentName ?? DBNull.Value;
        cmd.Parameters[8].Value = r.ParentTaskId;
        cmd.Parameters[9].Value = r.ParentGeneration;
        cmd.ExecuteNonQuery();
    }

    InstanceRecord? ReadInstance(string instanceId)
    {
        var cmd = Prepare("SELECT * FROM instances WHERE instance_id=$id", "$id");
        cmd.Parameters[0].Value = instanceId;
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? ReadInstanceRow(reader) : null;
    }

    static InstanceRecord ReadInstanceRow(SqliteDataReader r)
    {
        string? Text(string column) => r.IsDBNull(r.GetOrdinal(column)) ? null : r.GetString(r.GetOrdinal(column));
        string? failure = Text("failure");
        return new InstanceRecord(
            r.GetString(r.GetOrdinal("instance_id")),
            r.GetString(r.GetOrdinal("name")),
            (OrchestrationRuntimeStatus)r.GetInt32(r.GetOrdinal("status")),
            r.GetInt32(r.GetOrdinal("generation")),
            Text("input"),
            Text("output"),
            Text("custom_status"),
            failure is null ? null : JsonSerializer.Deserialize<TaskFailureDetails>(failure, DurableJson.HistoryOptions),
            new DateTime(r.GetInt64(r.GetOrdinal("created_at")), DateTimeKind.Utc),
            new DateTime(r.GetInt64(r.GetOrdinal("updated_at")), DateTimeKind.Utc),
            Text("parent_instance_id"),
            Text("parent_name"),
            r.GetInt32(r.GetOrdinal("parent_task_id")),
            r.GetInt32(r.GetOrdinal("parent_generation")));
    }

    static HistoryEvent ParseEvent(string json) => JsonSerializer.Deserialize<HistoryEvent>(json, DurableJson.HistoryOptions)!;
}
