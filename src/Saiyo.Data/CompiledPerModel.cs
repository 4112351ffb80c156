using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Saiyo.Data;

/// <summary>
/// A compiled EF Core query, compiled once per model. EF binds a compiled query to the first model it runs against and
/// refuses any other; a Saiyo node has one provider, but a process that serves both (the bench books on SQLite, then on
/// PostgreSQL) needs one compilation each.
/// </summary>
public sealed class CompiledPerModel<TQuery> where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = new();
    private readonly ConditionalWeakTable<IModel, TQuery>.CreateValueCallback _compile;

    public CompiledPerModel(Func<TQuery> compile) => _compile = _ => compile();

    public TQuery For(DbContext db) => _byModel.GetValue(db.Model, _compile);
}
