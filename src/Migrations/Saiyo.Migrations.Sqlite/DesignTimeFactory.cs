using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Saiyo.Data;

namespace Saiyo.Migrations.Sqlite;

/// <summary>Lets dotnet-ef build the model for Sqlite without starting the web app (no database is opened).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SaiyoDbContext>
{
    public SaiyoDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SaiyoDbContext>();
        options.UseSaiyoDatabase(DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new SaiyoDbContext(options.Options);
    }
}
