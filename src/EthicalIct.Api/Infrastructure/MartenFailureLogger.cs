using Marten;
using Marten.Services;
using Npgsql;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// Marten's command log, with faults sorted like the HTTP answers: a failure the request path answers as part of the
/// contract (a lost race, a unique key, the database unavailable; <see cref="ErrorHandling.IsExpected"/>) logs at
/// debug, since the request logs its own warning; any other failure is an error with its exception. Successful
/// commands are not logged (traces carry their timing).
/// </summary>
public sealed class MartenFailureLogger(ILogger logger) : IMartenLogger, IMartenSessionLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => logger.LogInformation("Marten changed the schema: {Sql}", sql);

    public void LogSuccess(NpgsqlCommand command)
    {
    }

    public void LogSuccess(NpgsqlBatch batch)
    {
    }

    public void LogFailure(NpgsqlCommand command, Exception ex) => Failure(ex, command.CommandText);

    public void LogFailure(NpgsqlBatch batch, Exception ex) => Failure(ex, string.Join("; ", batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText)));

    public void LogFailure(Exception ex, string message) => Failure(ex, message);

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
    {
    }

    public void OnBeforeExecute(NpgsqlCommand command)
    {
    }

    public void OnBeforeExecute(NpgsqlBatch batch)
    {
    }

    private void Failure(Exception ex, string what)
    {
        if (ErrorHandling.IsExpected(ex))
        {
            logger.LogDebug("Marten command failed as the contract expects ({Exception}: {Message}): {Command}", ex.GetType().Name, ex.Message, what);
        }
        else
        {
            logger.LogError(ex, "Marten command failed: {Command}", what);
        }
    }
}
