using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sophia.Model.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccountSecurity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FailedLogins",
                table: "Users",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LockedUntil",
                table: "Users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Disabled",
                table: "StaffAccounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "FailedLogins",
                table: "StaffAccounts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LockedUntil",
                table: "StaffAccounts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "TotpEnabled",
                table: "StaffAccounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "TotpLastStep",
                table: "StaffAccounts",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TotpSecret",
                table: "StaffAccounts",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FailedLogins",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "LockedUntil",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "Disabled",
                table: "StaffAccounts");

            migrationBuilder.DropColumn(
                name: "FailedLogins",
                table: "StaffAccounts");

            migrationBuilder.DropColumn(
                name: "LockedUntil",
                table: "StaffAccounts");

            migrationBuilder.DropColumn(
                name: "TotpEnabled",
                table: "StaffAccounts");

            migrationBuilder.DropColumn(
                name: "TotpLastStep",
                table: "StaffAccounts");

            migrationBuilder.DropColumn(
                name: "TotpSecret",
                table: "StaffAccounts");
        }
    }
}
