using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sophia.Model.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DeviceCertificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Authentication",
                table: "FetchEvents",
                type: "character varying(24)",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeviceCertificate",
                table: "Clients",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Ignored");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Authentication",
                table: "FetchEvents");

            migrationBuilder.DropColumn(
                name: "DeviceCertificate",
                table: "Clients");
        }
    }
}
